import { z } from "zod";
import { type TimelineEntry, TimelineKind, type TimelinePage } from "../../../contract/incidents.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { loadVisibleIncident } from "./access.js";
import { type TimelineRow, selectTimeline } from "./timeline-store.js";
import type { IncidentContext } from "./types.js";

/** Where a page of the timeline ended: the last entry's times and id. */
const TIMELINE_KEYS = keyset(z.object({ o: z.iso.datetime(), r: z.iso.datetime(), id: z.uuid() }).strict());

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
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    TIMELINE_KEYS,
    ({ after, limit }) =>
      selectTimeline(
        ctx.db,
        ctx.actor,
        incident.id,
        after ? { occurredAt: new Date(after.o), recordedAt: new Date(after.r), id: after.id } : null,
        limit,
      ),
    (row) => ({ o: row.occurred_at.toISOString(), r: row.recorded_at.toISOString(), id: row.id }),
  );
  return { items: rows.map(presentEntry), nextCursor };
}
