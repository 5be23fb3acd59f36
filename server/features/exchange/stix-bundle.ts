import { uuidV5 } from "../observables/export-stix.js";
import type { ShareableIncident } from "./shareable-incident.js";
import { type StixMarking, tlpMarkings } from "./stix-markings.js";
import { type StixSco, scoPattern, valueSco } from "./stix-values.js";

// An incident as a STIX 2.1 bundle (OASIS STIX 2.1; checked against the OASIS schemas in
// stix-bundle.test.ts): the CERT's identity, the TLP markings, the incident with the Incident Core
// Extension, an observed SCO per value, an indicator per value recipients may act on (PAP), and the
// notes that may be shared. Only what the sharing decision let through is here.

/** OASIS Incident Core Extension (cti-stix-common-objects, extension-definition/incident-core). */
export const INCIDENT_CORE_EXTENSION = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";
const IDENTITY_CREATED = "2025-01-01T00:00:00.000Z";

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

const iso = (d: Date) => d.toISOString();

/** The identity object of the producing CERT (its id stable for one producer name). */
export function certIdentity(producer: string): StixObject {
  return {
    type: "identity",
    spec_version: "2.1",
    id: `identity--${uuidV5(`identity|${producer}`)}`,
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: producer,
    identity_class: "organization",
  };
}

function investigationStatus(status: ShareableIncident["head"]["status"]): "new" | "open" | "closed" {
  switch (status) {
    case "new":
      return "new";
    case "open":
    case "stalled":
      return "open";
    case "resolved":
    case "rejected":
      return "closed";
  }
}

/** The STIX objects of an incident as shared (no bundle around them: TAXII serves them one by one). */
export function incidentStixObjects(shared: ShareableIncident, opts: { producer: string }): StixObject[] {
  const markings: StixMarking[] = tlpMarkings(shared.tlp);
  const refs = markings.map((m) => m.id);
  const identity = certIdentity(opts.producer);
  const { head } = shared;
  const modified = iso(head.updated_at);
  const sdo = (id: string, created: Date) => ({
    spec_version: "2.1",
    id,
    created: iso(created),
    modified: iso(created) > modified ? iso(created) : modified,
    created_by_ref: identity.id,
    object_marking_refs: refs,
  });
  const external = [{ source_name: opts.producer, external_id: head.reference }];
  const objects: StixObject[] = [identity, ...markings.map((m) => ({ ...m }))];
  const observed: string[] = [];
  for (const v of shared.values) {
    const sco: StixSco | null = valueSco(v.type, v.value, refs);
    if (!sco) continue;
    objects.push(sco);
    observed.push(sco.id);
    if (!v.mayAct) continue; // PAP:AMBER/RED: seen, but not for detection or blocking
    objects.push({
      type: "indicator",
      ...sdo(`indicator--${uuidV5(`${head.reference}|${v.type}|${v.value}`)}`, v.first_seen),
      name: `${v.type} ${v.value}`,
      indicator_types: [v.tag === "malicious" ? "malicious-activity" : "unknown"],
      pattern: scoPattern(sco),
      pattern_type: "stix",
      pattern_version: "2.1",
      valid_from: iso(v.first_seen),
      external_references: external,
    });
  }
  const incidentId = `incident--${uuidV5(`incident|${head.reference}`)}`;
  if (shared.incidentAllowed) {
    const classification = head.rsit_class ? `${head.rsit_class}${head.rsit_type ? `/${head.rsit_type}` : ""}` : null;
    objects.push({
      type: "incident",
      ...sdo(incidentId, head.created_at),
      name: `${head.reference}: ${head.title}`,
      ...(classification ? { labels: [`rsit:${classification}`] } : {}),
      external_references: external,
      extensions: {
        [INCIDENT_CORE_EXTENSION]: {
          extension_type: "property-extension",
          determination: head.status === "rejected" ? "false-positive" : "confirmed",
          investigation_status: investigationStatus(head.status),
          ...(observed.length > 0 ? { other_object_refs: observed } : {}),
        },
      },
    });
    for (const note of shared.notes) {
      if (!note.body) continue;
      objects.push({
        type: "note",
        ...sdo(`note--${uuidV5(`note|${note.id}`)}`, note.recorded_at),
        content: note.body,
        object_refs: [incidentId],
      });
    }
  }
  return objects;
}

/** The bundle of an incident as shared; its id stable for one incident and version. */
export function incidentStixBundle(shared: ShareableIncident, opts: { producer: string }): StixBundle {
  return {
    type: "bundle",
    id: `bundle--${uuidV5(`bundle|${shared.head.reference}|${iso(shared.head.updated_at)}`)}`,
    objects: incidentStixObjects(shared, opts),
  };
}
