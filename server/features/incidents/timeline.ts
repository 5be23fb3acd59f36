import { z } from "zod";
import { type TimelineEntry, TimelineKind, type TimelinePage } from "../../../contract/incidents.js";
import { invalid } from "../../platform/errors.js";
import { loadVisibleIncident } from "./access.js";
import { type TimelineKey, type TimelineRow, selectTimeline } from "./timeline-store.js";
import type { IncidentContext } from "./types.js";

const Cursor = z.object({ o: z.iso.datetime(), r: z.iso.datetime(), id: z.uuid() });

function encodeCursor(row: TimelineRow): string {
  const key = { o: row.occurred_at.toISOString(), r: row.recorded_at.toISOString(), id: row.id };
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string | undefined): TimelineKey | null {
  if (cursor === undefined) return null;
  try {
    const key = Cursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { occurredAt: new Date(key.o), recordedAt: new Date(key.r), id: key.id };
  } catch {
    throw invalid("invalid_cursor", "The cursor is not one this timeline gave out", [
      { path: "querystring.cursor", message: "not a cursor", code: "invalid" },
    ]);
  }
}

function presentEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    kind: TimelineKind.parse(row.kind),
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    author: row.author_name,
    body: row.body,
    data: row.data,
  };
}

/**
 * An incident's timeline, oldest first: notes (when it happened, then when written), system events
 * and the reporters' conversation on its linked reports. 404 when the incident is hidden from the actor.
 */
export async function getTimeline(
  ctx: IncidentContext,
  reference: string,
  query: { limit: number; cursor?: string },
): Promise<TimelinePage> {
  const after = decodeCursor(query.cursor);
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const rows = await selectTimeline(ctx.db, ctx.actor, incident.id, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentEntry),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
