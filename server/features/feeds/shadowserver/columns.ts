import type { FeedEventField } from "../../../../contract/feed-events.js";

// Which harmonised field each Shadowserver column fills, for every report type at once: the schema's
// ~800 column names repeat the same few dozen meanings (ip, src_ip, dst_port …). A column not named
// here goes to `extra` under its own name, so a new column Shadowserver adds is kept, not lost, and a
// retired one in an old file is harmless. Reviewed against report_types.tsv (report-types.test.ts
// fails when a column that looks like an address or a time is left unmapped).

export const SHADOWSERVER_COLUMNS: Readonly<Record<string, FeedEventField | readonly FeedEventField[]>> = {
  timestamp: "time.source",
  // A blocklist names whole networks in its ip column: the first field the value fits takes it.
  ip: ["source.ip", "source.network"],
  src_ip: "source.ip",
  port: "source.port",
  src_port: "source.port",
  asn: "source.asn",
  src_asn: "source.asn",
  geo: "source.geolocation.cc",
  src_geo: "source.geolocation.cc",
  region: "source.geolocation.region",
  src_region: "source.geolocation.region",
  city: "source.geolocation.city",
  src_city: "source.geolocation.city",
  hostname: "source.fqdn",
  src_hostname: "source.fqdn",
  source_url: "source.url",
  email: "source.account",
  dst_ip: "destination.ip",
  dst_port: "destination.port",
  dst_asn: "destination.asn",
  dst_geo: "destination.geolocation.cc",
  dst_region: "destination.geolocation.region",
  dst_city: "destination.geolocation.city",
  dst_hostname: "destination.fqdn",
  protocol: "protocol.transport",
  application: "protocol.application",
  infection: "malware.name",
};

/**
 * Columns whose name says address, host, port or time but which stay in `extra` on purpose, with why:
 * the test holds every such column to one of the two lists.
 */
const SECOND_PARTY = "another party's address in the same finding (an attacker, a referrer, a beacon), not the owner's";
const SERVICE_DETAIL = "a detail the scanned service told about itself, not where it is reached";
const BUILD_TIME = "when the software was built, not when the event happened";

export const SHADOWSERVER_EXTRA_ON_PURPOSE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      "attack_src_ip",
      "attack_src_port",
      "http_referer_ip",
      "http_referer_port",
      "http_referer_asn",
      "http_referer_hostname",
      "beacon_host",
      "beacon_port",
      "sender_asn",
      "payload_url",
      "leak_site_url",
    ].map((c) => [c, SECOND_PARTY]),
  ),
  ...Object.fromEntries(
    [
      "db2_hostname",
      "reported_hostname",
      "host",
      "external_ip",
      "source_port",
      "http_port",
      "internal_port",
      "tcp_port",
      "mountd_port",
      "server_port",
      "mapped_port",
      "xor_mapped_port",
      "http_target",
      "search_target",
    ].map((c) => [c, SERVICE_DETAIL]),
  ),
  ...Object.fromEntries(["build_timestamp", "build_date", "date", "ntrip_date"].map((c) => [c, BUILD_TIME])),
  hostname_source: "says where the hostname came from, not a host",
  http_host: "the Host header the client sent, which may name anyone",
  http_url: "a path on the sinkhole, not the victim's URL",
  url: "a path on the compromised site (with http_host it is the URL; kept as sent)",
  cc_url: "the command-and-control URL, kept beside the event",
  redirect_target: "where the compromised site sends visitors",
  detected_since: "the first sighting, kept beside time.source",
  cert_issue_date: "a certificate's date, not the event's",
  cert_expiration_date: "a certificate's date, not the event's",
  http_date: "the server's clock",
};
