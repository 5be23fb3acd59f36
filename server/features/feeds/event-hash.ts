import { hash } from "node:crypto";
import type { FeedEventData } from "../../../contract/feed-events.js";

// What makes two events the same finding, for the dedupe window (IntelMQ's deduplicator, without
// Redis): everything the source said except when it said it. The time goes into a window number
// instead, so the same finding twice in one window is stored once, and a file imported twice stores
// nothing twice (a window of 0 keeps the exact time: only identical events are duplicates).
// Both maps are flat (text or number values), so sorted keys with separators that no value holds
// (NUL) name the event exactly — a tenth of a general canonical JSON's cost, a million times a file.

/** The finding's hash (SHA-256, hex) and the window it falls in. */
export function eventIdentity(event: FeedEventData, windowHours: number): { hash: string; bucket: number } {
  const fields = event.fields as Record<string, string | number | undefined>;
  let text = "";
  for (const key of Object.keys(fields).sort()) {
    if (key === "time.source" || key === "time.observation") continue;
    const value = fields[key];
    if (value !== undefined) text += `${key}\u0000${typeof value}\u0000${value}\u0000`;
  }
  text += "\u0001";
  for (const key of Object.keys(event.extra).sort()) text += `${key}\u0000${event.extra[key]}\u0000`;
  const ms = Date.parse(String(event.fields["time.source"]));
  const bucket = windowHours > 0 ? Math.floor(ms / (windowHours * 3_600_000)) : ms;
  // The one-shot hash, as hex text: no Hash object and no Buffer per event, a million times a file.
  return { hash: hash("sha256", text, "hex"), bucket };
}
