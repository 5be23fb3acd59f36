import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { insertIncidentEvent } from "./events-store.js";
import { lockIncidentById, selectIncidentIdsOfReport, updateIncident } from "./incident-store.js";
import { slaAfterStatusChange } from "./sla.js";

/**
 * An answer from the party the incident was waiting on — a reporter on a linked report (follow-up page
 * or mail) or a third party in one of its threads — takes a stalled incident back to open and restarts
 * its SLA clock (RTIR does the same on correspondence), so the answer is not left unread in a queue
 * nobody watches; any other incident is marked updated, so "updated" and its sort show the answer.
 * Runs in the caller's transaction. Answers whether the incident resumed.
 */
export async function takeAnswerOnIncident(tx: Db, clock: Clock, incidentId: string): Promise<boolean> {
  const row = await lockIncidentById(tx, incidentId);
  if (!row) return false;
  const now = clock.now();
  if (row.status !== "stalled") {
    if (row.updated_at < now) await updateIncident(tx, incidentId, { updated_at: now });
    return false;
  }
  const sla = slaAfterStatusChange({ dueAt: row.due_at, pausedAt: row.sla_paused_at }, "stalled", "open", now);
  await updateIncident(tx, incidentId, {
    status: "open",
    due_at: sla.dueAt,
    sla_paused_at: sla.pausedAt,
    version: row.version + 1,
    updated_at: now,
  });
  await insertIncidentEvent(tx, {
    incidentId,
    kind: "status",
    occurredAt: now,
    recordedAt: now,
    authorId: null,
    data: { from: "stalled", to: "open", because: "reply" },
  });
  return true;
}

/**
 * Intake's hook for a reporter's message on their report (wired by the composition root): every
 * incident the report is linked to takes the answer, in the message's transaction.
 */
export async function takeReporterAnswer(tx: Db, clock: Clock, reportId: string): Promise<void> {
  for (const id of await selectIncidentIdsOfReport(tx, reportId)) await takeAnswerOnIncident(tx, clock, id);
}
