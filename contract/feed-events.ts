import { z } from "zod";

// A security event from a feed, in IntelMQ's harmonization field names (intelmq/etc/harmonization.conf),
// so a CERT running IntelMQ reads Fyr's events without a mapping, and Fyr reads IntelMQ's. Only the
// fields Fyr fills are listed; anything else a source says is kept under `extra`, never dropped.

/** How a field's value is checked and normalised. */
export type FeedFieldKind = "time" | "ip" | "network" | "port" | "asn" | "fqdn" | "cc" | "url" | "text";

export const FEED_EVENT_FIELDS = {
  "time.source": "time",
  "time.observation": "time",
  "feed.name": "text",
  "feed.provider": "text",
  "classification.taxonomy": "text",
  "classification.type": "text",
  "classification.identifier": "text",
  "source.ip": "ip",
  "source.network": "network",
  "source.port": "port",
  "source.asn": "asn",
  "source.as_name": "text",
  "source.fqdn": "fqdn",
  "source.reverse_dns": "fqdn",
  "source.url": "url",
  "source.account": "text",
  "source.geolocation.cc": "cc",
  "source.geolocation.region": "text",
  "source.geolocation.city": "text",
  "destination.ip": "ip",
  "destination.port": "port",
  "destination.asn": "asn",
  "destination.fqdn": "fqdn",
  "destination.url": "url",
  "destination.geolocation.cc": "cc",
  "destination.geolocation.region": "text",
  "destination.geolocation.city": "text",
  "protocol.transport": "text",
  "protocol.application": "text",
  "malware.name": "text",
  "event_description.text": "text",
} as const satisfies Record<string, FeedFieldKind>;

export type FeedEventField = keyof typeof FEED_EVENT_FIELDS;

/** Harmonised fields (numbers for ports and AS numbers), and what else the source said. */
export interface FeedEventData {
  fields: Partial<Record<FeedEventField, string | number>>;
  extra: Record<string, string>;
}

/** Every field name, for schemas. */
export const FEED_EVENT_FIELD_NAMES = Object.keys(FEED_EVENT_FIELDS) as [FeedEventField, ...FeedEventField[]];

/**
 * A generic CSV source's column mapping: header name → harmonization field. Columns not named go to
 * `extra`; one column must give `time.source`.
 */
export const FeedColumnMapping = z
  .record(z.string().trim().min(1).max(200), z.enum(FEED_EVENT_FIELD_NAMES))
  .refine((m) => Object.keys(m).length > 0 && Object.keys(m).length <= 200, "between 1 and 200 columns")
  .refine((m) => Object.values(m).includes("time.source"), "one column must map to time.source");
export type FeedColumnMapping = z.infer<typeof FeedColumnMapping>;

/**
 * The mapping as written on the command line or in a form: `col=source.ip,when=time.source`. Answers the
 * mapping, or the zod error naming what is wrong.
 */
export function parseColumnMappingText(text: string) {
  const entries = text
    .split(",")
    .map((pair) => pair.trim())
    .filter((pair) => pair !== "")
    .map((pair) => {
      const at = pair.lastIndexOf("=");
      return at < 0 ? [pair, ""] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
  return FeedColumnMapping.safeParse(Object.fromEntries(entries));
}
