import type { Db } from "../../platform/db/connect.js";
import type { Audience } from "../sharing/index.js";
import type { MispEvent } from "./misp-event.js";
import { selectFeedVersion } from "./misp-feed-store.js";

// The partners' MISP feeds, cached (issue 17: "the MISP feed manifest for 10,000 events < 200 ms,
// cached, invalidated on change"). One entry per audience (the sharing decision is per partner and
// its agreement), valid for one value of the feed's change counter: every request reads the counter
// (one row) and rebuilds only when it moved — so a change to an incident, its values, TLP / PAP /
// consent or a partner's agreement is out of every process's cache at the next request. The manifest
// and hashes.csv are serialised once per entry; an event is found by uuid in a map.

/** What one partner's feed is made of, built once per counter value. */
export interface FeedSnapshot<F> {
  feed: F;
  events: ReadonlyMap<string, MispEvent>;
  /** manifest.json and hashes.csv as sent, serialised on first use. */
  text(kind: "manifest" | "hashes"): string;
}

interface Entry<F> {
  version: string;
  snapshot: Promise<FeedSnapshot<F>>;
}

/** Few partners; a bound keeps a burst of agreements from growing memory without end. */
const MAX_ENTRIES = 64;

export interface FeedCache<F> {
  get(db: Db, audience: Audience, producer: string): Promise<FeedSnapshot<F>>;
}

/** A cache around build (which makes the feed and its serialisations for one audience). */
export function feedCache<F>(
  build: (
    db: Db,
    audience: Audience,
    producer: string,
  ) => Promise<{ feed: F; events: MispEvent[]; serialise: (kind: "manifest" | "hashes") => string }>,
): FeedCache<F> {
  const byDb = new WeakMap<Db, Map<string, Entry<F>>>();
  const snapshotOf = async (db: Db, audience: Audience, producer: string): Promise<FeedSnapshot<F>> => {
    const built = await build(db, audience, producer);
    const texts = new Map<string, string>();
    return {
      feed: built.feed,
      events: new Map(built.events.map((e) => [e.Event.uuid, e])),
      text(kind) {
        let t = texts.get(kind);
        if (t === undefined) texts.set(kind, (t = built.serialise(kind)));
        return t;
      },
    };
  };
  return {
    async get(db, audience, producer) {
      const version = await selectFeedVersion(db);
      let entries = byDb.get(db);
      if (!entries) byDb.set(db, (entries = new Map()));
      const key = JSON.stringify([audience, producer]);
      const hit = entries.get(key);
      if (hit && hit.version === version) return hit.snapshot;
      const snapshot = snapshotOf(db, audience, producer);
      entries.delete(key);
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { version, snapshot });
      // A failed build is not kept: the next request tries again.
      snapshot.catch(() => {
        if (entries.get(key)?.snapshot === snapshot) entries.delete(key);
      });
      return snapshot;
    },
  };
}
