import type { ObservableType } from "../../../../contract/observables.js";

// The values a received STIX object names, as Fyr's observable types: an SCO's own value, or each
// equality of an indicator's STIX pattern (`[ipv4-addr:value = '192.0.2.1' OR domain-name:value = …]`).
// Anything else (a malware SDO, a pattern with LIKE or MATCHES) brings no value.

export interface ReceivedValue {
  type: ObservableType;
  value: string;
}

const HASHES: Record<string, ObservableType> = {
  MD5: "md5",
  "SHA-1": "sha1",
  SHA1: "sha1",
  "SHA-256": "sha256",
  SHA256: "sha256",
  "SHA-512": "sha512",
  SHA512: "sha512",
};

function addressType(value: string): ObservableType {
  if (value.includes("/")) return "cidr";
  return value.includes(":") ? "ipv6" : "ipv4";
}

/** The value of one `<type>:<path>` = '<literal>' comparison, or null. */
function fromPath(scoType: string, path: string, literal: string): ReceivedValue | null {
  const value = literal.trim();
  if (value === "" || value.length > 2048) return null;
  switch (scoType) {
    case "ipv4-addr":
    case "ipv6-addr":
      return path === "value" ? { type: addressType(value), value } : null;
    case "domain-name":
      return path === "value" ? { type: "domain", value: value.toLowerCase().replace(/\.$/, "") } : null;
    case "url":
      return path === "value" ? { type: "url", value } : null;
    case "email-addr":
      return path === "value" ? { type: "email", value: value.toLowerCase() } : null;
    case "autonomous-system":
      return path === "number" && /^\d{1,10}$/.test(value) ? { type: "asn", value: `AS${value}` } : null;
    case "file": {
      const hash = /^hashes\.'?([A-Za-z0-9-]+)'?$/.exec(path);
      const type = hash?.[1] ? HASHES[hash[1].toUpperCase()] : undefined;
      return type ? { type, value: value.toLowerCase() } : null;
    }
    default:
      return null;
  }
}

const COMPARISON = /([a-z0-9-]+):([A-Za-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'/g;

/** The values an object names (none for most SDOs). */
export function receivedValues(o: Record<string, unknown>): ReceivedValue[] {
  const type = typeof o.type === "string" ? o.type : "";
  const out: ReceivedValue[] = [];
  const push = (v: ReceivedValue | null) => {
    if (v && !out.some((x) => x.type === v.type && x.value === v.value)) out.push(v);
  };
  if (type === "indicator" && o.pattern_type === "stix" && typeof o.pattern === "string") {
    for (const m of o.pattern.matchAll(COMPARISON))
      push(fromPath(m[1] ?? "", m[2] ?? "", (m[3] ?? "").replace(/\\(.)/g, "$1")));
    return out;
  }
  if (typeof o.value === "string") push(fromPath(type, "value", o.value));
  if (type === "autonomous-system" && typeof o.number === "number") push(fromPath(type, "number", String(o.number)));
  if (type === "file" && o.hashes !== null && typeof o.hashes === "object")
    for (const [alg, h] of Object.entries(o.hashes as Record<string, unknown>))
      if (typeof h === "string") push(fromPath("file", `hashes.${alg}`, h));
  return out;
}
