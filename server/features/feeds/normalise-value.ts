import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import type { FeedFieldKind } from "../../../contract/feed-events.js";

// Checks and normalises one value for a harmonised field. A value that does not fit its field (an
// "ip" of "unknown") answers undefined, and the caller keeps the raw text under `extra`: a feed's
// quirk never loses what it said, and never puts a non-address where addresses are matched.

const SHADOWSERVER_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** The normalised value, or undefined when `raw` is not a value of that kind. */
export function normaliseFeedValue(kind: FeedFieldKind, raw: string): string | number | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  switch (kind) {
    case "time":
      return normaliseTime(text);
    case "ip":
      return normaliseIp(text);
    case "network":
      return normaliseNetwork(text);
    case "port": {
      const n = Number(text);
      return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
    }
    case "asn": {
      const n = Number(text.replace(/^AS/i, ""));
      return Number.isInteger(n) && n >= 0 && n <= 4294967295 ? n : undefined;
    }
    case "fqdn": {
      const ascii = domainToASCII(text.toLowerCase().replace(/\.$/, ""));
      if (ascii === "" || ascii.length > 253 || isIP(ascii) !== 0) return undefined;
      return ascii.split(".").every((label) => HOST_LABEL.test(label)) && ascii.includes(".") ? ascii : undefined;
    }
    case "cc":
      return /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
    case "url":
      return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text) ? text : undefined;
    case "text":
      return text;
  }
}

/** ISO 8601 in UTC. Shadowserver writes "2026-11-30 00:00:00" and means UTC. */
function normaliseTime(text: string): string | undefined {
  const m = SHADOWSERVER_TIME.exec(text);
  if (!m) return undefined;
  const offset = m[4] === undefined || m[4] === "Z" ? "Z" : m[4].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ""}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A CIDR with its address canonical, or undefined. (Host bits are kept as the source wrote them.) */
function normaliseNetwork(text: string): string | undefined {
  const [address = "", bits = "", rest] = text.split("/");
  const ip = normaliseIp(address);
  const prefix = Number(bits);
  const max = ip?.includes(":") ? 128 : 32;
  if (
    ip === undefined ||
    rest !== undefined ||
    bits === "" ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > max
  ) {
    return undefined;
  }
  return `${ip}/${prefix}`;
}

/** The address in its canonical text (IPv6 compressed, lower-case), or undefined. */
function normaliseIp(text: string): string | undefined {
  const family = isIP(text);
  if (family === 4) return text.split(".").map(Number).join(".");
  if (family === 6) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  return undefined;
}
