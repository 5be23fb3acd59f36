import type { IncidentPatch } from "../../../contract/incidents.js";
import { RSIT_VERSION } from "../../../contract/rsit.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { conflict, invalid } from "../../platform/errors.js";
import { loadIncidentForChange } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import { assigneeErrors, classificationErrors } from "./field-checks.js";
import { strictestTlp } from "../../platform/tlp.js";
import {
  type IncidentChanges,
  type IncidentRecord,
  selectLinkedTlps,
  selectUserRefs,
  updateIncident,
} from "./incident-store.js";
import { assertTlpCovers } from "./link-report.js";
import { type SlaState, slaAfterSeverityChange, slaAfterStatusChange } from "./sla.js";
import { assertTransition } from "./transitions.js";
import type { IncidentContext } from "./types.js";

type Diff = Record<string, { from: unknown; to: unknown }>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The plain field edits of a patch (those that need no rule beyond their schema), as column changes. */
function plainEdits(row: IncidentRecord, patch: IncidentPatch, diff: Diff): IncidentChanges {
  const changes: IncidentChanges = {};
  const edit = <K extends keyof IncidentChanges>(field: string, column: K, from: unknown, to: IncidentChanges[K]) => {
    if (to === undefined || sameJson(from, to)) return;
    changes[column] = to;
    diff[field] = { from, to };
  };
  edit("title", "title", row.title, patch.title);
  edit("pap", "pap", row.pap, patch.pap);
  edit("sectors", "sectors", row.sectors, patch.sectors);
  edit("affectedOrganisations", "affected_organisations", row.affected_organisations, patch.affectedOrganisations);
  edit("resolution", "resolution", row.resolution, patch.resolution);
  if (patch.containedAt !== undefined) {
    const to = patch.containedAt === null ? null : new Date(patch.containedAt);
    if (iso(to) !== iso(row.contained_at)) {
      changes.contained_at = to;
      diff.containedAt = { from: iso(row.contained_at), to: iso(to) };
    }
  }
  return changes;
}

/** Status, severity and the SLA clock that follows from both. */
function lifecycleEdits(ctx: IncidentContext, row: IncidentRecord, patch: IncidentPatch, diff: Diff): IncidentChanges {
  const changes: IncidentChanges = {};
  const now = ctx.clock.now();
  let sla: SlaState = { dueAt: row.due_at, pausedAt: row.sla_paused_at };
  if (patch.status !== undefined && patch.status !== row.status) {
    assertTransition(row.status, patch.status);
    sla = slaAfterStatusChange(sla, row.status, patch.status, now);
    changes.status = patch.status;
    diff.status = { from: row.status, to: patch.status };
    if (patch.status === "resolved") changes.resolved_at = now;
    if (patch.status === "rejected") changes.rejected_at = now;
    // Reopened: it is neither resolved nor rejected any more.
    if (patch.status === "open" && (row.status === "resolved" || row.status === "rejected"))
      Object.assign(changes, { resolved_at: null, rejected_at: null });
  }
  if (patch.severity !== undefined && patch.severity !== row.severity) {
    sla = slaAfterSeverityChange(sla, row.severity, patch.severity, ctx.config.incidentSlaHours);
    changes.severity = patch.severity;
    diff.severity = { from: row.severity, to: patch.severity };
  }
  if (iso(sla.dueAt) !== iso(row.due_at)) {
    changes.due_at = sla.dueAt;
    diff.dueAt = { from: iso(row.due_at), to: iso(sla.dueAt) };
  }
  if (iso(sla.pausedAt) !== iso(row.sla_paused_at)) changes.sla_paused_at = sla.pausedAt;
  return changes;
}

/** Classification, TLP and assignee: the edits checked against the taxonomy, the reports and the users. */
async function checkedEdits(ctx: IncidentContext, row: IncidentRecord, patch: IncidentPatch, diff: Diff) {
  const changes: IncidentChanges = {};
  const errors = [
    ...classificationErrors(patch.classification, "body.classification"),
    ...(patch.assigneeId ? await assigneeErrors(ctx.db, patch.assigneeId, "body.assigneeId") : []),
  ];
  if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);
  if (patch.classification !== undefined) {
    const from = row.rsit_class && row.rsit_type ? { class: row.rsit_class, type: row.rsit_type } : null;
    if (!sameJson(from, patch.classification)) {
      changes.rsit_class = patch.classification?.class ?? null;
      changes.rsit_type = patch.classification?.type ?? null;
      changes.rsit_version = patch.classification ? RSIT_VERSION : null;
      diff.classification = { from, to: patch.classification };
    }
  }
  if (patch.tlp !== undefined && patch.tlp !== row.tlp) {
    // Named generically: a linked report may be one the actor does not see (also on a TLP:RED incident).
    const strictest = strictestTlp(await selectLinkedTlps(ctx.db, row.id));
    if (strictest) assertTlpCovers(patch.tlp, [{ reference: "a linked report", tlp: strictest }]);
    changes.tlp = patch.tlp;
    diff.tlp = { from: row.tlp, to: patch.tlp };
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
    changes.assignee_id = patch.assigneeId;
    diff.assigneeId = { from: row.assignee_id, to: patch.assigneeId };
  }
  return changes;
}

/** The timeline entries of a change: status and assignment events, one field event per other field. */
async function recordEvents(ctx: IncidentContext, incidentId: string, diff: Diff): Promise<void> {
  const now = ctx.clock.now();
  const authorId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  for (const [field, change] of Object.entries(diff)) {
    if (field === "dueAt") continue; // follows from status and severity; shown by the clock
    const kind = field === "status" ? "status" : field === "assigneeId" ? "assignment" : "field";
    let data: Record<string, unknown> = kind === "field" ? { field, ...change } : { ...change };
    if (kind === "assignment") {
      // Names as they were then, so the timeline reads right after a rename too.
      const ids = [change.from, change.to].filter((v): v is string => typeof v === "string");
      const users = await selectUserRefs(ctx.db, ids);
      const name = (v: unknown) => (typeof v === "string" ? (users.get(v)?.name ?? null) : null);
      data = { ...change, fromName: name(change.from), toName: name(change.to) };
    }
    await insertIncidentEvent(ctx.db, { incidentId, kind, occurredAt: now, recordedAt: now, authorId, data });
  }
}

/**
 * Applies a PATCH: the version read must be the current one (else 409 `version_conflict`, never a
 * silent overwrite); status moves follow the life cycle; the SLA follows status and severity. Each
 * change is on the timeline and the whole diff in one audit entry. Answers the incident's id.
 */
export async function updateIncidentFields(
  ctx: IncidentContext,
  reference: string,
  patch: IncidentPatch,
): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await loadIncidentForChange(tx, ctx.actor, reference);
    if (row.version !== patch.version)
      throw conflict(
        "version_conflict",
        `${row.reference} changed since version ${patch.version} (now ${row.version})`,
      );
    const diff: Diff = {};
    const changes: IncidentChanges = {
      ...(await checkedEdits(txCtx, row, patch, diff)),
      ...lifecycleEdits(txCtx, row, patch, diff),
      ...plainEdits(row, patch, diff),
    };
    if (Object.keys(diff).length === 0) return row.id;
    await updateIncident(tx, row.id, { ...changes, version: row.version + 1, updated_at: ctx.clock.now() });
    await recordEvents(txCtx, row.id, diff);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.updated",
      target: { type: "incident", id: row.reference },
      diff: { ...diff, version: { from: row.version, to: row.version + 1 } },
      ip: ctx.ip ?? null,
    });
    return row.id;
  });
}
