import type { ObservableType } from "../../../contract/observables.js";
import { uuidV5 } from "../observables/export-stix.js";

// A value as STIX 2.1 describes it: the Cyber-observable Object that is the value (its id deterministic
// as §2.9 asks, so two producers name the same address alike) and the pattern that matches it.

/** STIX 2.1 §2.9: the namespace of SCO ids. */
const SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

export interface StixSco {
  type: string;
  spec_version: "2.1";
  id: string;
  object_marking_refs?: string[];
  [property: string]: unknown;
}

const HASH_KEYS: Partial<Record<ObservableType, string>> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
  ssdeep: "SSDEEP",
};

/** The SCO type and id-contributing properties of a value, or null when no SCO names it (a CVE). */
function scoProperties(type: ObservableType, value: string): { type: string; props: Record<string, unknown> } | null {
  switch (type) {
    case "ipv4":
    case "ipv6":
      return { type: `${type}-addr`, props: { value } };
    case "cidr":
      // An ipv4-addr or ipv6-addr value may be a CIDR block (STIX 2.1 §6.4, §6.5).
      return { type: value.includes(":") ? "ipv6-addr" : "ipv4-addr", props: { value } };
    case "domain":
      return { type: "domain-name", props: { value } };
    case "url":
      return { type: "url", props: { value } };
    case "email":
      return { type: "email-addr", props: { value } };
    case "mac":
      return { type: "mac-addr", props: { value: value.toLowerCase() } };
    case "md5":
    case "sha1":
    case "sha256":
    case "sha512":
    case "ssdeep":
      return { type: "file", props: { hashes: { [HASH_KEYS[type] ?? type]: value } } };
    case "filename":
      return { type: "file", props: { name: value } };
    case "regkey":
      return { type: "windows-registry-key", props: { key: value } };
    case "asn": {
      const m = /^(?:AS)?(\d{1,10})$/i.exec(value);
      return m ? { type: "autonomous-system", props: { number: Number(m[1]) } } : null;
    }
    case "filepath":
    case "tlsh":
    case "btc":
    case "xmr":
    case "ja3":
    case "ja4":
    case "cve":
      return null;
  }
}

/** JSON with keys sorted (RFC 8785's order for these simple values), for deterministic ids. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** The SCO that is this value, or null when STIX has none for it. */
export function valueSco(type: ObservableType, value: string, markingRefs: string[]): StixSco | null {
  const sco = scoProperties(type, value);
  if (!sco) return null;
  return {
    type: sco.type,
    spec_version: "2.1",
    id: `${sco.type}--${uuidV5(canonical(sco.props), SCO_NAMESPACE)}`,
    ...sco.props,
    object_marking_refs: markingRefs,
  };
}

function quoted(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** The STIX pattern matching the SCO (one comparison per property it was built from). */
export function scoPattern(sco: StixSco): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(sco)) {
    if (["type", "spec_version", "id", "object_marking_refs"].includes(key)) continue;
    if (key === "hashes" && v !== null && typeof v === "object") {
      for (const [alg, h] of Object.entries(v as Record<string, string>))
        parts.push(`${sco.type}:hashes.${/^[A-Z0-9]+$/.test(alg) ? alg : `'${alg}'`} = ${quoted(h)}`);
    } else if (typeof v === "number") parts.push(`${sco.type}:${key} = ${v}`);
    else if (typeof v === "string") parts.push(`${sco.type}:${key} = ${quoted(v)}`);
  }
  return `[${parts.join(" AND ")}]`;
}
