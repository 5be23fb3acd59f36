import type { NoteInput, TimelineEntry } from "../../../contract/incidents.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { loadIncidentForChange } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import type { IncidentContext } from "./types.js";

/**
 * Writes a note on the timeline: when it happened (default now; an analyst may log something
 * earlier) and when it was written. Answers the new entry.
 */
export async function addNote(ctx: IncidentContext, reference: string, input: NoteInput): Promise<TimelineEntry> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const recordedAt = ctx.clock.now();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : recordedAt;
    const author = ctx.actor.kind === "user" ? ctx.actor : null;
    const id = await insertIncidentEvent(tx, {
      incidentId: incident.id,
      kind: "note",
      occurredAt,
      recordedAt,
      authorId: author?.userId ?? null,
      body: input.body,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.note_added",
      target: { type: "incident", id: incident.reference },
      diff: { eventId: id, occurredAt: occurredAt.toISOString() },
      ip: ctx.ip ?? null,
    });
    return {
      id,
      kind: "note",
      occurredAt: occurredAt.toISOString(),
      recordedAt: recordedAt.toISOString(),
      author: author?.name ?? null,
      body: input.body,
      data: {},
    };
  });
}
