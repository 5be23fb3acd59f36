import type { ObservableType } from "../../../contract/observables.js";
import type { Audience } from "../sharing/index.js";
import { uuidV5 } from "../observables/export-stix.js";
import type { ShareableIncident } from "./shareable-incident.js";

// An incident as a MISP event (MISP core format, misp-rfc "MISP core format" §2): attributes with
// category and type, to_ids only where PAP lets recipients act, tags in MISP's taxonomies (tlp, PAP,
// rsit), and a uuid derived from the reference so every export is the same event to MISP.

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  timestamp: string;
  comment: string;
}
export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    threat_level_id: string;
    analysis: string;
    distribution: string;
    published: boolean;
    timestamp: string;
    Orgc: { name: string; uuid: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
  };
}

/**
 * MISP distribution levels onto Fyr's audiences. 0 "your organisation only": named recipients of
 * TLP:RED/AMBER+STRICT (never passed on); 1 "this community only": one member organisation, or a
 * partner under a need-to-know (AMBER) agreement; 2 "connected communities": partner CERTs at GREEN;
 * 3 "all communities": the public (TLP:CLEAR); 4 "sharing group": a forum or a coordination case.
 */
export function mispDistribution(
  audience: Audience,
  shared: Pick<ShareableIncident, "tlp">,
): "0" | "1" | "2" | "3" | "4" {
  if (shared.tlp === "TLP:RED" || shared.tlp === "TLP:AMBER+STRICT") return "0";
  switch (audience.kind) {
    case "public":
      return "3";
    case "member-organisation":
      return "1";
    case "partner":
      return shared.tlp === "TLP:AMBER" ? "1" : "2";
    case "forum":
    case "coordination-participant":
      return "4";
  }
}

/** Fyr's observable types as MISP attribute types and categories. */
export const MISP_TYPES: Record<ObservableType, { type: string; category: string }> = {
  ipv4: { type: "ip-dst", category: "Network activity" },
  ipv6: { type: "ip-dst", category: "Network activity" },
  cidr: { type: "ip-dst", category: "Network activity" },
  domain: { type: "domain", category: "Network activity" },
  url: { type: "url", category: "Network activity" },
  email: { type: "email-src", category: "Payload delivery" },
  md5: { type: "md5", category: "Payload delivery" },
  sha1: { type: "sha1", category: "Payload delivery" },
  sha256: { type: "sha256", category: "Payload delivery" },
  sha512: { type: "sha512", category: "Payload delivery" },
  ssdeep: { type: "ssdeep", category: "Payload delivery" },
  tlsh: { type: "tlsh", category: "Payload delivery" },
  filename: { type: "filename", category: "Payload delivery" },
  filepath: { type: "filename", category: "Artifacts dropped" },
  regkey: { type: "regkey", category: "Persistence mechanism" },
  mac: { type: "mac-address", category: "Network activity" },
  asn: { type: "AS", category: "Network activity" },
  btc: { type: "btc", category: "Financial fraud" },
  xmr: { type: "xmr", category: "Financial fraud" },
  ja3: { type: "ja3-fingerprint-md5", category: "Network activity" },
  ja4: { type: "text", category: "Network activity" },
  cve: { type: "vulnerability", category: "External analysis" },
};

const THREAT_LEVEL = { critical: "1", high: "1", medium: "2", low: "3" } as const;
const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

/** The stable MISP event uuid of an incident. */
export function mispEventUuid(reference: string): string {
  return uuidV5(`misp-event|${reference}`);
}

/** The MISP event of an incident as shared with this audience. */
export function incidentMispEvent(
  shared: ShareableIncident,
  audience: Audience,
  opts: { producer: string },
): MispEvent {
  const { head } = shared;
  const distribution = mispDistribution(audience, shared);
  const tags = [{ name: shared.tlp.toLowerCase() }, { name: shared.pap }];
  if (head.rsit_class)
    tags.push({ name: head.rsit_type ? `rsit:${head.rsit_class}="${head.rsit_type}"` : `rsit:${head.rsit_class}` });
  return {
    Event: {
      uuid: mispEventUuid(head.reference),
      info: shared.incidentAllowed ? `${head.reference}: ${head.title}` : head.reference,
      date: head.created_at.toISOString().slice(0, 10),
      threat_level_id: THREAT_LEVEL[head.severity],
      analysis: head.status === "resolved" || head.status === "rejected" ? "2" : head.status === "new" ? "0" : "1",
      distribution,
      published: true,
      timestamp: epoch(head.updated_at),
      Orgc: { name: opts.producer, uuid: uuidV5(`identity|${opts.producer}`) },
      Tag: tags,
      Attribute: shared.values.map((v) => ({
        uuid: uuidV5(`misp-attribute|${head.reference}|${v.type}|${v.value}`),
        ...MISP_TYPES[v.type],
        value: v.value,
        to_ids: v.mayAct && v.tag !== "benign" && v.tag !== "false-positive",
        distribution: "5", // "inherit event"
        timestamp: epoch(v.last_seen),
        comment: "",
      })),
    },
  };
}
