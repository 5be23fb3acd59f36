import { isIPv4, isIPv6 } from "node:net";

/** An address or network as numbers, for containment tests in memory. */
export interface IpRange {
  family: 4 | 6;
  /** The network address (host bits zero). */
  bits: bigint;
  prefix: number;
}

function v4Bits(text: string): bigint {
  return text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function v6Bits(text: string): bigint {
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  let groupsText = text;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = v4Bits(tail);
    groupsText = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", rest] = groupsText.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const zeros = rest === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses `1.2.3.4`, `2001:db8::1`, `10.0.0.0/8`, `2001:db8::/32`; null when it is none of these. */
export function parseIpRange(text: string): IpRange | null {
  const [address = "", prefixText, extra] = text.split("/");
  if (extra !== undefined) return null;
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
  if (family === null) return null;
  const width = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > width) return null;
  const bits = family === 4 ? v4Bits(address) : v6Bits(address);
  const hostBits = BigInt(width - prefix);
  return { family, bits: (bits >> hostBits) << hostBits, prefix };
}

/** Whether `inner` lies within `outer` (a network contains itself). */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const hostBits = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return inner.bits >> hostBits === outer.bits >> hostBits;
}
