import { FEED_EVENT_FIELDS, type FeedEventData, type FeedEventField } from "../../../contract/feed-events.js";
import { isRsitType } from "../../../contract/rsit.js";
import { normaliseFeedValue } from "./normalise-value.js";

// A generic source's row as an event, whatever it was read from (a CSV row, a JSON object): each named
// value goes to the field the source's saved column mapping gives it, or under extra by its name.
// Without a classification an event is other/undetermined (RSIT's word for "not yet classified"), so
// nothing is dropped for want of one.

/** One named value of a row and the field the mapping gives it (null: extra). */
export type MappedValue = readonly [name: string, raw: string, field: FeedEventField | null];

/** The event the row's values make, or what is wrong with it. */
export function mappedEvent(values: Iterable<MappedValue>, feedName: string): FeedEventData | string {
  const fields: FeedEventData["fields"] = {};
  const extra: Record<string, string> = {};
  for (const [name, raw, field] of values) {
    if (raw === "") continue;
    const value =
      field === null || fields[field] !== undefined ? undefined : normaliseFeedValue(FEED_EVENT_FIELDS[field], raw);
    if (field !== null && value !== undefined) fields[field] = value;
    else extra[name] = raw;
  }
  if (fields["time.source"] === undefined) return "no valid time.source";
  const taxonomy = String(fields["classification.taxonomy"] ?? "other");
  const type = String(fields["classification.type"] ?? "undetermined");
  if (!isRsitType(taxonomy, type)) return `${taxonomy}/${type} is not an RSIT classification`;
  fields["classification.taxonomy"] = taxonomy;
  fields["classification.type"] = type;
  fields["feed.name"] = feedName;
  return { fields, extra };
}
