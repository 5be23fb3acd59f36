import type { Db } from "../../platform/db/connect.js";
import { type AdvisoryRow, selectRevisions } from "./store.js";
import type { ReleaseFacts } from "./types.js";

/** The tracking facts of the revision about to be published at `now` (its summary as given). */
export async function nextReleaseFacts(db: Db, row: AdvisoryRow, now: Date, summary: string): Promise<ReleaseFacts> {
  const history = (await selectRevisions(db, row.id)).map((r) => ({
    number: r.number,
    summary: r.summary,
    publishedAt: r.published_at,
  }));
  return {
    trackingId: row.tracking_id,
    initialReleaseAt: row.initial_release_at ?? now,
    currentReleaseAt: now,
    revisions: [...history, { number: row.revision + 1, summary, publishedAt: now }],
  };
}
