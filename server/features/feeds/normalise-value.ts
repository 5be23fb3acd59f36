import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import type { FeedFieldKind } from "../../../contract/feed-events.js";

// Checks and normalises one value for a harmonised field. A value that does not fit its field (an
// "ip" of "unknown") answers undefined, and the caller keeps the raw text under `extra`: a feed's
// quirk never loses what it said, and never puts a non-address where addresses are matched.

const SHADOWSERVER_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const LEADING_ZERO = /(^|\.)0\d/;
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
  // The common case, a plain UTC time of the day: checked by hand (no Date made), a million times a file.
  if (m[3] === undefined && (m[4] === undefined || m[4] === "Z")) {
    const plain = plainUtc(m[1] ?? "", m[2] ?? "");
    if (plain !== undefined) return plain;
  }
  const offset = m[4] === undefined || m[4] === "Z" ? "Z" : m[4].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ""}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** "2026-11-30", "10:00:00" as toISOString writes them, or undefined when not a plain valid time. */
function plainUtc(date: string, time: string): string | undefined {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const h = Number(time.slice(0, 2));
  const mi = Number(time.slice(3, 5));
  const sec = Number(time.slice(6, 8));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || sec > 59) return undefined;
  return `${date}T${time}.000Z`;
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
  // Canonical already unless a part has a leading zero (010.1.2.3).
  if (family === 4) return LEADING_ZERO.test(text) ? text.split(".").map(Number).join(".") : text;
  if (family === 6) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  return undefined;
}
