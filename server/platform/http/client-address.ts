import { BlockList, isIP } from "node:net";
import { normalizeIP } from "@fastify/rate-limit";

/**
 * Address lists from configuration (`FYR_TRUST_PROXY`, `FYR_METRICS_ALLOW`): addresses and CIDR
 * networks, IPv4 or IPv6, separated by commas. Parsed once at start; matching is node's BlockList,
 * which also matches an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) against an IPv4 network.
 */
export interface AddressList {
  /** The entries as configured, normalised to CIDR (`10.0.0.1` → `10.0.0.1/32`). */
  entries: string[];
  has(address: string): boolean;
}

/** Splits and checks an address list; returns the problems instead of throwing (config names them). */
export function parseAddressList(text: string): { list: AddressList } | { problem: string } {
  const entries: string[] = [];
  const blocks = new BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : Number(prefix);
    if (family === 0 || rest.length > 0 || !Number.isInteger(length) || length < 0 || length > bits || prefix === "") {
      return { problem: `"${entry}" is not an IP address or CIDR network` };
    }
    blocks.addSubnet(address, length, family === 4 ? "ipv4" : "ipv6");
    entries.push(`${address}/${length}`);
  }
  return { list: { entries, has: (a) => matches(blocks, a) } };
}

function matches(blocks: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return blocks.check(address, family === 4 ? "ipv4" : "ipv6");
}

export const emptyAddressList: AddressList = { entries: [], has: () => false };

const LOOPBACK = (() => {
  const parsed = parseAddressList("127.0.0.0/8,::1/128");
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.list;
})();

/** 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export const isLoopback = (address: string): boolean => LOOPBACK.has(address);

/**
 * Fastify's `trustProxy` as a function: a hop is believed only when its address is one of the
 * configured proxies. Fastify (proxy-addr) walks X-Forwarded-For from the right, starting with the
 * socket's peer, and the first address that is not a trusted proxy is the client — so a client
 * cannot pick its own address by sending X-Forwarded-For, and with no proxies configured the header
 * is never read.
 */
export function trustProxyFunction(proxies: AddressList): (address: string, hop: number) => boolean {
  return (address) => proxies.has(address);
}

/** Whether the request came through a proxy we do not trust (it carries forwarding headers anyway). */
export function carriesForwardingHeaders(headers: Record<string, string | string[] | undefined>): boolean {
  return headers["x-forwarded-for"] !== undefined || headers.forwarded !== undefined;
}

/**
 * The key a client is counted under (rate limits, quotas): its address, an IPv4-mapped address as
 * IPv4, and an IPv6 address as its /64 — one host usually holds a whole /64, so counting single
 * IPv6 addresses would give it 2^64 buckets. The same normalisation @fastify/rate-limit applies.
 */
export const clientKey = (address: string): string => normalizeIP(address);
