import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { insertIncidentEvent } from "./events-store.js";
import { lockIncidentById, updateIncident } from "./incident-store.js";
import { slaAfterStatusChange } from "./sla.js";

/**
 * An answer from the party the incident was waiting on takes a stalled incident back to open and
 * restarts its SLA clock (RTIR does the same on correspondence), so the answer is not left unread in a
 * queue nobody watches. Runs in the caller's transaction; other statuses are left alone.
 */
export async function resumeStalledIncident(tx: Db, clock: Clock, incidentId: string): Promise<boolean> {
  const row = await lockIncidentById(tx, incidentId);
  if (row?.status !== "stalled") return false;
  const now = clock.now();
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
