import type { TlpLabel } from "../../../../contract/intake.js";
import type { Db } from "../../../platform/db/connect.js";
import { tlpRank } from "../../../platform/tlp.js";
import { type Audience, type IncidentSharing, loadIncidentSharing } from "../../sharing/index.js";
import type { PartnerRow } from "../partners-store.js";
import type { CollectionWithGrant, ObjectRow } from "./taxii-store.js";

// What a caller may receive of a collection: every object goes through the one sharing decision
// (features/sharing) at every read, so an incident raised to TLP:RED, or a consent withdrawn, leaves
// every collection at once. Objects a partner contributed carry their own TLP marking: TLP:RED and
// AMBER+STRICT never go to anyone but their contributor.

/** The TLP 1.0 and 2.0 marking ids of TLP:RED and TLP:AMBER+STRICT (stix-markings.ts). */
const NAMED_ONLY_MARKINGS: ReadonlySet<string> = new Set([
  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
  "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
  "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
]);

export interface CallerAccess {
  canRead: boolean;
  canWrite: boolean;
  audience: Audience;
  /** The collection's own ceiling: nothing stricter goes out of it, unless the caller is named. */
  maxTlp: TlpLabel;
  organisationId: string;
}

const lighter = (a: TlpLabel, b: TlpLabel): TlpLabel => (tlpRank(a) <= tlpRank(b) ? a : b);

/** Where the caller's organisation takes part: its forums, and its coordination cases (affected or not). */
export interface CallerCommunities {
  forums: ReadonlySet<string>;
  cases: ReadonlyMap<string, { affected: boolean }>;
}

/**
 * The caller's access to a collection and the audience it receives as, or null when the collection is
 * not theirs at all (404, as an unknown id). Partner collections are for partner CERTs only. A forum's
 * collection is readable by its member organisations, a coordination case's by its participants,
 * without a grant (a grant row still decides, e.g. to make it writable or to shut one out).
 */
export function callerAccess(
  collection: CollectionWithGrant,
  organisationId: string,
  partner: PartnerRow | undefined,
  communities: CallerCommunities = { forums: new Set(), cases: new Map() },
): CallerAccess | null {
  const own = collection.organisation_id === organisationId;
  const audienceId = collection.audience_id ?? "";
  const member =
    (collection.audience_kind === "forum" && communities.forums.has(audienceId)) ||
    (collection.audience_kind === "coordination-case" && communities.cases.has(audienceId));
  const canRead = collection.can_read ?? (own || member);
  const canWrite = collection.can_write ?? false;
  const base = { canRead, canWrite, maxTlp: collection.max_tlp, organisationId };
  switch (collection.audience_kind) {
    case "partner":
      if (!partner) return null;
      return {
        ...base,
        audience: { kind: "partner", organisationId, maxTlp: lighter(partner.max_tlp, collection.max_tlp) },
      };
    case "member-organisation":
      return { ...base, audience: { kind: "member-organisation", organisationId } };
    case "forum":
      return {
        ...base,
        audience: { kind: "forum", forumId: collection.audience_id ?? "", maxTlp: collection.max_tlp },
      };
    case "coordination-case":
      return {
        ...base,
        audience: {
          kind: "coordination-participant",
          caseId: collection.audience_id ?? "",
          organisationId,
          affected: communities.cases.get(audienceId)?.affected ?? false,
          maxTlp: collection.max_tlp,
        },
      };
  }
}

/** Whether the object's text names a RED or AMBER+STRICT marking anywhere (withheld when in doubt). */
function markedNamedOnly(body: string): boolean {
  for (const id of NAMED_ONLY_MARKINGS) if (body.includes(id)) return true;
  return false;
}

/** Whether one stored object version may go to this caller, given its incident's sharing facts. */
export function mayReceive(row: ObjectRow, access: CallerAccess, sharing: IncidentSharing | undefined): boolean {
  if (row.incident_id === null) {
    if (row.added_by_organisation === access.organisationId) return true;
    return !markedNamedOnly(row.body);
  }
  if (!sharing) return false;
  const whole = sharing.material("incident");
  const named = whole.namedRecipients.includes(access.organisationId);
  // The collection's ceiling binds as the audience's does: a named recipient alone goes past it.
  if (!named && tlpRank(sharing.tlp) > tlpRank(access.maxTlp)) return false;
  const incident = sharing.decide(whole, access.audience);
  const tlpWithheld = !incident.allowed && incident.reason !== "no-consent" && incident.reason !== "pap-public";
  if (tlpWithheld) return false;
  switch (row.share_material) {
    case "incident":
      return incident.allowed;
    case "meta":
      return true;
    case "note":
      return sharing.decide(sharing.material("note"), access.audience).allowed;
    case "value":
    case "indicator": {
      if (row.observable_id === null) return false;
      const d = sharing.decide(sharing.observable(row.observable_id), access.audience);
      return d.allowed && (row.share_material === "value" || d.mayAct);
    }
    case null:
      return false;
  }
}

/** Keeps the rows the caller may receive, loading the incidents' sharing facts once for the batch. */
export async function visibleRows(db: Db, rows: readonly ObjectRow[], access: CallerAccess): Promise<ObjectRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id])))];
  const sharing = ids.length > 0 ? await loadIncidentSharing(db, { ids }) : new Map<string, IncidentSharing>();
  return rows.filter((r) => mayReceive(r, access, r.incident_id === null ? undefined : sharing.get(r.incident_id)));
}
