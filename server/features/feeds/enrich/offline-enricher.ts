import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resolver } from "node:dns/promises";
import { Reader, type Response } from "mmdb-lib";
import type { FeedEventData } from "../../../../contract/feed-events.js";
import { PROJECT_ROOT } from "../../../platform/paths.js";
import { type AsnTable, loadAsnTable } from "./asn-table.js";

// Enrichment before an event is stored, with data shipped in npm packages so no lookup leaves the
// machine: the AS number and name (@ip-location-db/asn, CC BY 4.0: RouteViews, DB-IP, the RIRs via NRO)
// and the country (@ip-location-db/geo-whois-asn-country-mmdb, CC BY 4.0 by NRO, read with mmdb-lib) of
// `source.ip`. A field the feed gave is never overwritten. Reverse DNS asks the resolver and is off
// unless FYR_FEED_REVERSE_DNS=1. The data is loaded at the first event (about 0.6 s, 25 MB), not at start.

/** Fills what it can of each event's fields in place; the seam the feed run calls (read-feed-run.ts). */
export type EventEnricher = (events: readonly FeedEventData[]) => Promise<void>;

interface OfflineData {
  asn: AsnTable;
  country: Reader<Response>;
}

// Resolved from the project root: the bundled server's module URL is dist/'s (platform/paths.ts).
const require = createRequire(join(PROJECT_ROOT, "package.json"));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

let loaded: OfflineData | undefined;

/** The shipped data, read once per process. */
export function offlineData(): OfflineData {
  if (loaded) return loaded;
  const asnDir = packageDir("@ip-location-db/asn");
  const countryDir = packageDir("@ip-location-db/geo-whois-asn-country-mmdb");
  loaded = {
    asn: loadAsnTable({ ipv4: join(asnDir, "asn-ipv4-num.csv"), ipv6: join(asnDir, "asn-ipv6-num.csv") }),
    country: new Reader<Response>(readFileSync(join(countryDir, "geo-whois-asn-country.mmdb"))),
  };
  return loaded;
}

/** Fills source.asn, source.as_name and source.geolocation.cc from the shipped data where the feed did not. */
export function enrichOffline(data: OfflineData, events: readonly FeedEventData[]): void {
  for (const event of events) {
    const f = event.fields;
    const ip = f["source.ip"];
    if (typeof ip !== "string") continue;
    if (f["source.asn"] === undefined || f["source.as_name"] === undefined) {
      const hit = data.asn.lookup(ip);
      // The AS name only beside the number it names: a feed's own AS number keeps its own name or none.
      if (hit && f["source.asn"] === undefined) {
        f["source.asn"] = hit.asn;
        if (f["source.as_name"] === undefined && hit.name !== "") f["source.as_name"] = hit.name;
      } else if (hit && f["source.asn"] === hit.asn && f["source.as_name"] === undefined && hit.name !== "") {
        f["source.as_name"] = hit.name;
      }
    }
    if (f["source.geolocation.cc"] === undefined) {
      const cc = countryCode(data.country.get(ip));
      if (cc !== undefined) f["source.geolocation.cc"] = cc;
    }
  }
}

/** The database's records are `{ country_code }` (its README), which none of mmdb-lib's types names. */
function countryCode(record: unknown): string | undefined {
  if (typeof record !== "object" || record === null || !("country_code" in record)) return undefined;
  const cc = record.country_code;
  return typeof cc === "string" && /^[A-Z]{2}$/.test(cc) ? cc : undefined;
}

const DNS_TIMEOUT_MS = 1_000;
const DNS_PARALLEL = 16;

/** source.reverse_dns by PTR lookups: each address once per batch, a few at a time, a second each at most. */
export async function enrichReverseDns(resolver: Pick<Resolver, "reverse">, events: readonly FeedEventData[]) {
  const wanted = new Map<string, FeedEventData[]>();
  for (const e of events) {
    const ip = e.fields["source.ip"];
    if (typeof ip === "string" && e.fields["source.reverse_dns"] === undefined) {
      wanted.set(ip, [...(wanted.get(ip) ?? []), e]);
    }
  }
  const queue = [...wanted.keys()];
  const worker = async () => {
    for (let ip = queue.pop(); ip !== undefined; ip = queue.pop()) {
      const name = await resolver.reverse(ip).then(
        (names) => names[0]?.replace(/\.$/, "").toLowerCase(),
        () => undefined,
      );
      // A PTR record is whatever its zone's owner wrote: only a plausible host name is kept.
      if (name && name.length <= 253 && /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(name)) {
        for (const e of wanted.get(ip) ?? []) e.fields["source.reverse_dns"] = name;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DNS_PARALLEL, queue.length) }, worker));
}

/** The enricher the feed runs use: offline data always, reverse DNS when configured. */
export function offlineEnricher(options: { reverseDns: boolean }): EventEnricher {
  const resolver = options.reverseDns ? new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 }) : null;
  return async (events) => {
    enrichOffline(offlineData(), events);
    if (resolver) await enrichReverseDns(resolver, events);
  };
}
