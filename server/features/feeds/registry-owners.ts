import type { FeedEventData } from "../../../contract/feed-events.js";
import type { MatchValue } from "../../../contract/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { matchOwnersBatch } from "../constituency/index.js";
import type { OwnerLookup } from "./read-feed-run.js";

// The owner of each event from the constituency registry: its address, host name, URL and AS number are
// asked together, so the registry ranks them (a URL prefix, then the smallest network, the longest domain,
// the AS number) and the most specific owner is the event's. Inhibitions are not applied here: an
// inhibited owner still owns the event (members see it); whether they are told is the notifier's call.

/** What the registry is asked about one event. */
export function matchValueOf(event: FeedEventData): MatchValue {
  const f = event.fields;
  const value: MatchValue = {};
  if (typeof f["source.ip"] === "string") value.ip = f["source.ip"];
  if (typeof f["source.fqdn"] === "string") value.domain = f["source.fqdn"];
  if (typeof f["source.url"] === "string") value.url = f["source.url"];
  if (f["source.asn"] !== undefined) value.asn = f["source.asn"];
  return value;
}

/** The registry's batch match as the feeds' OwnerLookup (ctx: the system actor of the reading process). */
export function registryOwners(ctx: ServiceContext): OwnerLookup {
  return async (events) => {
    const answers = await matchOwnersBatch(ctx, events.map(matchValueOf));
    return answers.map((matches) => {
      const best = matches[0];
      return best ? { organisationId: best.organisation.id, matchedBy: best.matchedBy } : null;
    });
  };
}
