import type { PapLabel } from "../../../contract/incidents.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Db } from "../../platform/db/connect.js";
import {
  type Audience,
  type IncidentSharing,
  type ShareDecision,
  type WithheldCounts,
  type WithheldReason,
  countWithheld,
  loadIncidentSharing,
} from "../sharing/index.js";
import {
  type ExportIncidentRow,
  type ExportNoteRow,
  type ExportValueRow,
  selectExportIncident,
  selectExportNotes,
  selectExportValues,
} from "./export-store.js";

/**
 * An incident cut down to what one audience may receive: every part passed through the sharing
 * decision, and what was left out counted by reason. Every export path (STIX, MISP, TAXII, the feed)
 * builds on this, so none can forget the decision.
 */
export interface ShareableIncident {
  head: ExportIncidentRow;
  tlp: TlpLabel;
  pap: PapLabel;
  /** The incident as a whole may go (its name, classification): else only the parts that may. */
  incidentAllowed: boolean;
  /** Why the whole incident was withheld on TLP: nothing of it goes then. */
  blocked: WithheldReason | null;
  values: (ExportValueRow & { mayAct: boolean })[];
  notes: ExportNoteRow[];
  withheld: { values: WithheldCounts; notes: WithheldCounts };
}

const TLP_REASONS: ReadonlySet<WithheldReason> = new Set(["tlp-red", "tlp-amber-strict", "tlp-above-audience"]);

/** The incident as this audience may receive it, or null when there is no such incident. */
export async function shareableIncident(
  db: Db,
  incidentId: string,
  audience: Audience,
): Promise<ShareableIncident | null> {
  const sharing = (await loadIncidentSharing(db, { ids: [incidentId] })).get(incidentId);
  const head = await selectExportIncident(db, incidentId);
  if (!sharing || !head) return null;
  return cutDown(
    sharing,
    head,
    await selectExportNotes(db, incidentId),
    await selectExportValues(db, incidentId),
    audience,
  );
}

/** The pure half of shareableIncident: decide every part. */
export function cutDown(
  sharing: IncidentSharing,
  head: ExportIncidentRow,
  notes: readonly ExportNoteRow[],
  values: readonly ExportValueRow[],
  audience: Audience,
): ShareableIncident {
  const whole = sharing.decide(sharing.material("incident"), audience);
  // TLP withholds the incident and everything in it alike: a RED incident sends not even its values.
  const blocked = !whole.allowed && TLP_REASONS.has(whole.reason) ? whole.reason : null;
  const valueDecisions: ShareDecision[] = [];
  const keptValues: ShareableIncident["values"] = [];
  for (const v of values) {
    const d = sharing.decide(sharing.observable(v.id), audience);
    valueDecisions.push(d);
    if (d.allowed && blocked === null) keptValues.push({ ...v, mayAct: d.mayAct });
  }
  const noteDecision = sharing.decide(sharing.material("note"), audience);
  const noteReason = blocked ?? (noteDecision.allowed ? null : noteDecision.reason);
  return {
    head,
    tlp: sharing.tlp,
    pap: sharing.pap,
    incidentAllowed: whole.allowed,
    blocked,
    values: keptValues,
    notes: noteReason === null ? [...notes] : [],
    withheld: {
      values: blocked === null ? countWithheld(valueDecisions) : values.length > 0 ? { [blocked]: values.length } : {},
      notes: noteReason === null || notes.length === 0 ? {} : { [noteReason]: notes.length },
    },
  };
}
