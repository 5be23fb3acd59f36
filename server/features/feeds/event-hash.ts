import { createHash } from "node:crypto";
import type { FeedEventData } from "../../../contract/feed-events.js";
import { canonicalJson } from "../../platform/audit.js";

// What makes two events the same finding, for the dedupe window (IntelMQ's deduplicator, without
// Redis): everything the source said except when it said it. The time goes into a window number
// instead, so the same finding twice in one window is stored once, and a file imported twice stores
// nothing twice (a window of 0 keeps the exact time: only identical events are duplicates).

/** The finding's hash and the window it falls in. */
export function eventIdentity(event: FeedEventData, windowHours: number): { hash: Buffer; bucket: number } {
  const { "time.source": time, "time.observation": _observed, ...rest } = event.fields;
  const hash = createHash("sha256")
    .update(canonicalJson({ fields: rest, extra: event.extra }))
    .digest();
  const ms = Date.parse(String(time));
  const bucket = windowHours > 0 ? Math.floor(ms / (windowHours * 3_600_000)) : ms;
  return { hash, bucket };
}
