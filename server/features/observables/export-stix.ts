import { createHash } from "node:crypto";
import type { CaseObservable, ObservableType } from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";

// An incident's values as a STIX 2.1 bundle (OASIS STIX 2.1, checked against the OASIS JSON schemas and
// their interoperability profile in export-stix.test.ts).

export interface ExportedIncident {
  reference: string;
  title: string;
  tlp: TlpLabel;
}

interface StixCommon {
  spec_version: "2.1";
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  object_marking_refs: string[];
}
type ExternalReference = { source_name: string; external_id: string };

export interface StixIdentity extends StixCommon {
  type: "identity";
  name: string;
  identity_class: "organization";
}
export interface StixIndicator extends StixCommon {
  type: "indicator";
  name: string;
  indicator_types: ("malicious-activity" | "unknown")[];
  pattern: string;
  pattern_type: "stix";
  pattern_version: "2.1";
  valid_from: string;
  external_references: ExternalReference[];
}
export interface StixVulnerability extends StixCommon {
  type: "vulnerability";
  name: string;
  external_references: ExternalReference[];
}
export interface StixReport extends StixCommon {
  type: "report";
  name: string;
  report_types: ("indicator" | "vulnerability")[];
  published: string;
  object_refs: string[];
  external_references: ExternalReference[];
}
interface StixMarkingBase {
  type: "marking-definition";
  spec_version: "2.1";
  id: string;
  created: string;
  name: string;
}
/** A TLP marking exactly as published: TLP 1.0 as STIX 2.1 predefines it, TLP 2.0 by OASIS's extension. */
export type StixTlpMarking =
  | (StixMarkingBase & { definition_type: "tlp"; definition: { tlp: string } })
  | (StixMarkingBase & { extensions: Record<string, { extension_type: "property-extension"; tlp_2_0: string }> });
export type StixObject = StixIdentity | StixIndicator | StixVulnerability | StixReport | StixTlpMarking;
export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

/** Fyr's UUIDv5 namespace for the ids of what it exports (a random UUID fixed once: never change it). */
const FYR_STIX_NAMESPACE = "8a1883dc-e3a3-4a0c-9896-63eb3c1fb832";

/** RFC 9562 §5.5: SHA-1 of namespace and name, with version 5 and the RFC variant set. */
export function uuidV5(name: string, namespace: string = FYR_STIX_NAMESPACE): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TLP_1_CREATED = "2017-01-20T00:00:00.000Z";
const TLP_2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

function tlp1(id: string, level: string): StixTlpMarking {
  const name = `TLP:${level.toUpperCase()}`;
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id,
    created: TLP_1_CREATED,
    definition_type: "tlp",
    name,
    definition: { tlp: level },
  };
}

/**
 * The marking for each of Fyr's TLP labels. TLP:CLEAR, GREEN, AMBER and RED use the TLP 1.0 markings STIX
 * 2.1 predefines (CLEAR is 1.0's WHITE), which every STIX 2.1 tool and the interop profile know.
 * TLP:AMBER+STRICT has no 1.0 equivalent, and marking it AMBER would let recipients share with their
 * clients, so it uses the TLP 2.0 marking OASIS publishes (cti-stix-common-objects, tlp-2.0), object
 * as published.
 */
const TLP_MARKINGS: Record<TlpLabel, StixTlpMarking> = {
  "TLP:CLEAR": tlp1("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white"),
  "TLP:GREEN": tlp1("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green"),
  "TLP:AMBER": tlp1("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber"),
  "TLP:AMBER+STRICT": {
    type: "marking-definition",
    spec_version: "2.1",
    id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    created: "2022-10-01T00:00:00.000Z",
    name: "TLP:AMBER+STRICT",
    extensions: { [TLP_2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: "amber+strict" } },
  },
  "TLP:RED": tlp1("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red"),
};

/** The identity's id comes from the producer's name alone, so its created must not move between exports. */
const IDENTITY_CREATED = "2025-01-01T00:00:00.000Z";

/** STIX timestamps are RFC 3339 in UTC; created and modified need millisecond precision. */
function stixTime(value: string | Date): string {
  return new Date(value).toISOString();
}

/** A string constant of STIX patterning: quote and backslash are escaped with a backslash. */
function patternString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/**
 * A path as STIX has it: a file (its name, in a directory) when the last part has an extension, else
 * a directory. Paths are written as found; STIX compares them as strings.
 */
function filePathPattern(path: string): string {
  const cut = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  const name = path.slice(cut + 1);
  if (cut <= 0 || !name.includes(".")) return `[directory:path = ${patternString(path)}]`;
  const directory = path.slice(0, cut) || path.slice(0, 1);
  return `[file:name = ${patternString(name)} AND file:parent_directory_ref.path = ${patternString(directory)}]`;
}

/** The STIX pattern matching a value, or null when the value is no indicator (a CVE, a malformed ASN). */
function stixPattern(type: ObservableType, value: string): string | null {
  switch (type) {
    case "ipv4":
      return `[ipv4-addr:value = ${patternString(value)}]`;
    case "ipv6":
      return `[ipv6-addr:value = ${patternString(value)}]`;
    case "cidr":
      // In STIX 2.1 an ipv4-addr or ipv6-addr value may be a CIDR block.
      return `[${value.includes(":") ? "ipv6" : "ipv4"}-addr:value = ${patternString(value)}]`;
    case "domain":
      return `[domain-name:value = ${patternString(value)}]`;
    case "url":
      return `[url:value = ${patternString(value)}]`;
    case "email":
      return `[email-addr:value = ${patternString(value)}]`;
    case "md5":
      return `[file:hashes.MD5 = ${patternString(value)}]`;
    case "sha1":
      return `[file:hashes.'SHA-1' = ${patternString(value)}]`;
    case "sha256":
      return `[file:hashes.'SHA-256' = ${patternString(value)}]`;
    case "sha512":
      return `[file:hashes.'SHA-512' = ${patternString(value)}]`;
    case "ssdeep":
      return `[file:hashes.SSDEEP = ${patternString(value)}]`;
    case "tlsh":
      // STIX's TLSH is the 70-character digest (its schema: ^[a-zA-Z0-9]{70}$); TLSH 4 writes a "T1"
      // version in front, which is left out here.
      return `[file:hashes.TLSH = ${patternString(/^T1[0-9A-F]{70}$/i.test(value) ? value.slice(2) : value)}]`;
    case "filename":
      return `[file:name = ${patternString(value)}]`;
    case "filepath":
      return filePathPattern(value);
    case "regkey":
      return `[windows-registry-key:key = ${patternString(value)}]`;
    case "mac":
      return `[mac-addr:value = ${patternString(value)}]`;
    // No STIX Cyber-observable Object names these: custom objects (the x- prefix STIX 2.1 keeps for them),
    // named as OpenCTI and MISP name the things, so a recipient can map them.
    case "btc":
    case "xmr":
      return `[x-cryptocurrency-wallet:value = ${patternString(value)} AND x-cryptocurrency-wallet:currency = '${type === "btc" ? "BTC" : "XMR"}']`;
    case "ja3":
      return `[x-tls-fingerprint:ja3 = ${patternString(value)}]`;
    case "ja4":
      return `[x-tls-fingerprint:ja4 = ${patternString(value)}]`;
    case "asn": {
      const m = /^(?:AS)?(\d{1,10})$/i.exec(value);
      return m ? `[autonomous-system:number = ${Number(m[1])}]` : null;
    }
    case "cve":
      return null;
  }
}

/**
 * Whether a value goes into the bundle. Values tagged benign or false positive, and values on a warning
 * list, are left out: recipients feed indicators to blocking and alerting, and an indicator for a big
 * mail provider or a documentation address would block or alert on harmless traffic. "Do not correlate"
 * only quiets correlation here and is no verdict, so such values are exported.
 */
export function isExportable(item: CaseObservable): boolean {
  return item.tag !== "benign" && item.tag !== "false-positive" && item.warningLists.length === 0;
}

/**
 * The STIX 2.1 bundle of an incident: the producing CERT's identity, an indicator per value (a
 * vulnerability per CVE id), the incident's TLP marking, and a report naming the incident that refers
 * to them all.
 * A report rather than a grouping: both are in the interop profile, but the OASIS bundle schema lists
 * report and not grouping among the objects a bundle holds (a grouping there matches two branches of
 * its oneOf and fails), and report is what MISP and OpenCTI import as an event or a case.
 * Ids are UUIDv5 of the incident reference and the value, so a second export updates the same objects
 * (same id and created, newer modified) instead of duplicating them in the recipient's platform.
 */
export function observablesStixBundle(
  incident: ExportedIncident,
  items: readonly CaseObservable[],
  opts: { now: Date; producer: string },
): StixBundle {
  const marking = TLP_MARKINGS[incident.tlp];
  const now = stixTime(opts.now);
  const identityId = `identity--${uuidV5(`identity|${opts.producer}`)}`;
  const common = (id: string, created: string): StixCommon => ({
    spec_version: "2.1",
    id,
    created,
    modified: created > now ? created : now,
    created_by_ref: identityId,
    object_marking_refs: [marking.id],
  });
  const incidentRef = { source_name: opts.producer, external_id: incident.reference };
  const identity: StixIdentity = {
    type: "identity",
    ...common(identityId, IDENTITY_CREATED),
    name: opts.producer,
    identity_class: "organization",
  };

  const described: (StixIndicator | StixVulnerability)[] = [];
  for (const item of items.filter(isExportable)) {
    const created = stixTime(item.firstSeen);
    const name = `${incident.reference}|${item.type}|${item.value}`;
    const pattern = stixPattern(item.type, item.value);
    if (item.type === "cve") {
      const cve = item.value.toUpperCase();
      const refs = [{ source_name: "cve", external_id: cve }, incidentRef];
      const id = `vulnerability--${uuidV5(name)}`;
      described.push({ type: "vulnerability", ...common(id, created), name: cve, external_references: refs });
    } else if (pattern !== null) {
      described.push({
        type: "indicator",
        ...common(`indicator--${uuidV5(name)}`, created),
        name: item.value,
        indicator_types: [item.tag === "malicious" ? "malicious-activity" : "unknown"],
        pattern,
        pattern_type: "stix",
        pattern_version: "2.1",
        valid_from: created,
        external_references: [incidentRef],
      });
    }
  }

  // The report is as old as the incident's oldest value, so its created stays put across exports.
  const oldest = items.map((i) => stixTime(i.firstSeen)).sort()[0] ?? now;
  const report: StixReport = {
    type: "report",
    ...common(`report--${uuidV5(`report|${incident.reference}`)}`, oldest),
    name: `${incident.reference}: ${incident.title}`,
    report_types: described.some((o) => o.type === "vulnerability") ? ["indicator", "vulnerability"] : ["indicator"],
    published: now,
    object_refs: [identity.id, ...described.map((o) => o.id)],
    external_references: [incidentRef],
  };
  return {
    type: "bundle",
    id: `bundle--${uuidV5(`bundle|${incident.reference}|${now}`)}`,
    objects: [marking, identity, ...described, report],
  };
}
