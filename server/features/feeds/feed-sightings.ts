import { CASE_READER_ROLES } from "../../../contract/roles.js";
import type { RelatedList } from "../../../contract/observables.js";
import type { TlpLabel } from "../../../contract/intake.js";
import { actorHolds } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { selectFeedSightings } from "./sightings-store.js";

// Events as sightings for correlation: which feeds saw an incident's or report's addresses, domains and
// URLs, and when last. Who reads cases reads events (/api/v1/events: the case readers), and feeds carry
// no marking of their own, so every event is TLP:AMBER (FEED_EVENT_TLP): shown to whom it may be shown
// under platform/tlp.ts's rule, which restricts only TLP:RED. A per-source marking would be checked here.

/** The marking feed events carry: none is stored per source or run, and AMBER is the default for what is shared with the CERT. */
export const FEED_EVENT_TLP: TlpLabel = "TLP:AMBER";

/** At most this many values are asked about, this many feeds named per value, this many sightings in all. */
const VALUES_ASKED = 200;
const FEEDS_PER_VALUE = 3;
const SIGHTINGS_SHOWN = 50;
/** A value's newest events read to find its feeds: a value seen a million times costs no more. */
const EVENTS_SCANNED = 500;

export type FeedSighting = RelatedList["feedSightings"][number];

/** The feeds that saw these values (of the types feeds hold: addresses, domains, URLs), newest first. */
export async function feedSightingsOf(
  ctx: ServiceContext,
  values: readonly { type: FeedSighting["type"]; value: string }[],
): Promise<FeedSighting[]> {
  if (!actorHolds(ctx.actor, CASE_READER_ROLES)) return [];
  const asked = values.filter((v) => ["ipv4", "ipv6", "domain", "url"].includes(v.type)).slice(0, VALUES_ASKED);
  const typeOf = new Map(
    asked.map((v) => [`${v.type === "ipv4" || v.type === "ipv6" ? "ip" : v.type} ${v.value}`, v.type]),
  );
  const rows = await selectFeedSightings(
    ctx.db,
    {
      ips: asked.filter((v) => v.type === "ipv4" || v.type === "ipv6").map((v) => v.value),
      domains: asked.filter((v) => v.type === "domain").map((v) => v.value),
      urls: asked.filter((v) => v.type === "url").map((v) => v.value),
    },
    { perValue: FEEDS_PER_VALUE, scan: EVENTS_SCANNED },
  );
  return rows.slice(0, SIGHTINGS_SHOWN).map((r) => ({
    type: typeOf.get(`${r.kind} ${r.value}`) ?? (r.kind === "ip" ? "ipv4" : r.kind),
    value: r.value,
    feed: r.feed,
    lastSeen: r.last_seen.toISOString(),
    tlp: FEED_EVENT_TLP,
  }));
}
