import { createHash } from "node:crypto";
import type { Db } from "../../platform/db/connect.js";
import { notFound } from "../../platform/errors.js";
import { type Audience, loadIncidentSharing } from "../sharing/index.js";
import { type MispEvent, incidentMispEvent } from "./misp-event.js";
import { type FeedSnapshot, feedCache } from "./misp-feed-cache.js";
import { selectFeedIncidents, selectFeedValues } from "./misp-feed-store.js";
import { type ShareableIncident, cutDown } from "./shareable-incident.js";

// The MISP feed for partner CERTs (MISP's "feed" format, as PyMISP's feed generator writes it):
// manifest.json (one entry per event uuid), one <uuid>.json per event, hashes.csv (md5 of every
// attribute value, with its event's uuid). Each partner sees its own feed: every incident and value
// through the sharing decision for that partner, so a TLP:RED incident is absent unless the partner is
// named on it, and a value without consent is in no file.

/** One manifest entry (MISP Feed::getManifest reads these keys). */
export interface MispManifestEntry {
  info: string;
  date: string;
  analysis: number;
  threat_level_id: number;
  timestamp: number;
  Orgc: { name: string; uuid: string };
  Tag: { name: string; colour: string }[];
}

export interface MispFeed {
  events: MispEvent[];
  /** What the partner was not sent: incidents withheld whole (by reason) and values left out. */
  withheld: { incidents: Record<string, number>; values: Record<string, number> };
}

const TAG_COLOURS: Record<string, string> = {
  "tlp:clear": "#ffffff",
  "tlp:green": "#339900",
  "tlp:amber": "#ffc000",
  "tlp:amber+strict": "#ffc000",
  "tlp:red": "#ff2b2b",
};

const add = (counts: Record<string, number>, key: string, n: number) => {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
};

/** Whether the event goes at all: not withheld on TLP, and something of it may be told. */
const inFeed = (shared: ShareableIncident) =>
  shared.blocked === null && (shared.incidentAllowed || shared.values.length > 0);

/** The partner's whole feed: every event it may receive (values and sharing in a few queries). */
export async function buildMispFeed(db: Db, audience: Audience, producer: string): Promise<MispFeed> {
  const heads = await selectFeedIncidents(db);
  const ids = heads.map((h) => h.id);
  const [sharing, values] = await Promise.all([loadIncidentSharing(db, { ids }), selectFeedValues(db, ids)]);
  const valuesBy = new Map<string, typeof values>();
  for (const v of values) {
    const list = valuesBy.get(v.incident_id);
    if (list) list.push(v);
    else valuesBy.set(v.incident_id, [v]);
  }
  const feed: MispFeed = { events: [], withheld: { incidents: {}, values: {} } };
  for (const head of heads) {
    const facts = sharing.get(head.id);
    if (!facts) continue;
    const shared = cutDown(facts, head, [], valuesBy.get(head.id) ?? [], audience);
    if (shared.blocked !== null) add(feed.withheld.incidents, shared.blocked, 1);
    for (const [reason, n] of Object.entries(shared.withheld.values)) add(feed.withheld.values, reason, n ?? 0);
    if (inFeed(shared)) feed.events.push(incidentMispEvent(shared, audience, { producer }));
  }
  return feed;
}

/** manifest.json: each event's summary under its uuid. */
export function mispManifest(feed: MispFeed): Record<string, MispManifestEntry> {
  const manifest: Record<string, MispManifestEntry> = {};
  for (const { Event: e } of feed.events)
    manifest[e.uuid] = {
      info: e.info,
      date: e.date,
      analysis: Number(e.analysis),
      threat_level_id: Number(e.threat_level_id),
      timestamp: Number(e.timestamp),
      Orgc: e.Orgc,
      Tag: e.Tag.map((t) => ({ name: t.name, colour: TAG_COLOURS[t.name] ?? "#0088cc" })),
    };
  return manifest;
}

/** hashes.csv: `md5(value),event uuid`, one line per attribute (MISP's feed correlation cache). */
export function mispHashes(feed: MispFeed): string {
  const lines: string[] = [];
  for (const { Event: e } of feed.events)
    for (const a of e.Attribute) lines.push(`${createHash("md5").update(a.value, "utf8").digest("hex")},${e.uuid}`);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

const cache = feedCache<MispFeed>(async (db, audience, producer) => {
  const feed = await buildMispFeed(db, audience, producer);
  return {
    feed,
    events: feed.events,
    serialise: (kind) => (kind === "manifest" ? JSON.stringify(mispManifest(feed)) : mispHashes(feed)),
  };
});

/**
 * The partner's feed as the routes send it: cached per audience and rebuilt when anything it is made
 * of changed (misp-feed-cache.ts).
 */
export function partnerMispFeed(db: Db, audience: Audience, producer: string): Promise<FeedSnapshot<MispFeed>> {
  return cache.get(db, audience, producer);
}

/**
 * One event of the partner's feed by its uuid, or 404 — also for an event the partner may not
 * receive, so the feed never tells which uuids exist.
 */
export async function mispFeedEvent(db: Db, audience: Audience, producer: string, uuid: string): Promise<MispEvent> {
  const event = (await partnerMispFeed(db, audience, producer)).events.get(uuid.toLowerCase());
  if (!event) throw notFound("misp_event_not_found", `No event ${uuid} in this feed`);
  return event;
}
