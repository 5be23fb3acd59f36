import type { FeedRunRow } from "./sources-store.js";

// How large a run is against its source's usual: one rule for the source's health alarms (quiet, surge)
// and for holding a surge back from the owners. A scan that suddenly doubles is more often a changed
// scanner or a broken filter than twice the vulnerable systems; the owners are told once staff have looked.

/** Earlier runs a run is compared with: the median of up to this many done ones. */
export const USUAL_RUNS = 30;
/** Fewer earlier done runs than this give no usual size: a new source is neither quiet nor surging. */
const USUAL_MIN_RUNS = 3;

/** Events a run's file held, stored or duplicate: what a re-sent file changes nothing about. */
export const eventsIn = (run: Pick<FeedRunRow, "rows_read" | "malformed">) => run.rows_read - run.malformed;

/** The median size of the earlier done runs, or null when there are too few to tell. */
export function usualEvents(earlier: readonly Pick<FeedRunRow, "status" | "rows_read" | "malformed">[]): number | null {
  const done = earlier.filter((r) => r.status === "done").map(eventsIn);
  if (done.length < USUAL_MIN_RUNS) return null;
  const sorted = done.sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Half the usual or less: quiet (a scan that lost most of its input); twice or more: a surge. */
export function sizeAlarm(events: number, usual: number | null): "quiet" | "surge" | null {
  if (usual === null) return null;
  if (events <= usual / 2) return "quiet";
  if (usual > 0 && events >= usual * 2) return "surge";
  return null;
}
