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
