import type { Db } from "../../platform/db/connect.js";
import type { IncidentEventKind } from "../../platform/db/tables/incidents.js";
import { timeOrderedId } from "../../platform/db/time-ordered-id.js";
import { queueExtraction } from "../observables/extraction-job.js";

/** One entry on an incident's timeline, as a service records it. */
export interface NewIncidentEvent {
  incidentId: string;
  kind: IncidentEventKind;
  /** When it happened (a note may say earlier); system events: now. */
  occurredAt: Date;
  recordedAt: Date;
  authorId: string | null;
  body?: string | null;
  data?: Record<string, unknown>;
}

/** Appends a timeline entry and marks the incident changed (updated_at), in the caller's transaction. */
export async function insertIncidentEvent(db: Db, event: NewIncidentEvent): Promise<string> {
  const row = await db
    .insertInto("incident_events")
    .values({
      // Time-ordered, so events of one transaction (same timestamps) keep the order they were written.
      id: timeOrderedId(),
      incident_id: event.incidentId,
      kind: event.kind,
      occurred_at: event.occurredAt,
      recorded_at: event.recordedAt,
      author_id: event.authorId,
      body: event.body ?? null,
      data: JSON.stringify(event.data ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("incidents").set({ updated_at: event.recordedAt }).where("id", "=", event.incidentId).execute();
  // Queued beside the insert, in its transaction, so no writer of this row can forget extraction.
  if (event.kind === "note") await queueExtraction(db, "note", row.id);
  return row.id;
}
