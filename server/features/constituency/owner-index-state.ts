import type { DatabaseHandle, Db } from "../../platform/db/connect.js";
import { type IndexNetwork, OwnerIndex, type OwnerIndexData } from "./owner-index.js";
import { LayeredOwnerIndex } from "./owner-index-layers.js";
import { type RegistrySnapshot, readRegistrySnapshot } from "./owner-index-store.js";
import { parseAddress } from "./ranges.js";
import { REGISTRY_CHANNEL, localRegistryWrite, readRegistryChanges, readRegistryVersion } from "./registry-version.js";

// Keeping this process's owner index up with the registry without ever rebuilding it in a match's way.
// Each match reads the registry's version (one row). When it moved, the change log (0070) names the
// organisations changed since the index's version; at most MAX_DELTA of them are read (their holdings
// only, a few rows) into an overlay over the base index (owner-index-layers.ts), so the match answers
// from the registry as of the version it read. A change too large to name (an import), or a base too far
// behind, is built beside the index in use, in slices that let the event loop in, and swapped in when
// done; matches meanwhile answer from the index as it was. Overlays are folded into a new base the same
// way once they grow, or once writes have been quiet a while: a burst of writes makes one build.

/** Changed organisations an overlay holds at most; past it, a new base is built. */
const MAX_DELTA = 2_000;
/** An overlay this large is folded soon; a smaller one after the registry has been quiet for FOLD_QUIET_MS. */
const FOLD_AT = 200;
const FOLD_QUIET_MS = 30_000;
/** A base that cannot catch up by a delta is rebuilt this soon after the last write that asked (bursts). */
const URGENT_QUIET_MS = 250;
/** However the writes go on, a build starts at most this long after it was first asked for. */
const URGENT_MAX_WAIT_MS = 5_000;
const FOLD_MAX_WAIT_MS = 300_000;

interface IndexState {
  /** The registry version the index answers for. */
  version: number;
  base: OwnerIndex;
  /** The changed organisations' current rows, and which they are. */
  overlay: RegistrySnapshot;
  changed: ReadonlySet<string>;
  index: LayeredOwnerIndex;
}

interface Registry {
  state: IndexState | null;
  delta: Promise<IndexState | null> | null;
  build: Promise<IndexState> | null;
  timer: NodeJS.Timeout | null;
  timerDue: number;
  askedSince: number | null;
  /** Versions up to this one are beyond a delta: only the build under way brings them in. */
  beyondDelta: number;
}

const registries = new Map<string, Registry>();

/**
 * A database whose registry NOTIFY this process follows (followRegistry): while the feed is up and
 * nothing was noticed since the last version read, a match reads no version at all (a round trip that
 * under load was most of a single match over HTTP). This process's own writes read it again for a while
 * whatever the feed says, so a change is seen by the next request even before its notice arrives; another
 * process's write is seen once its notice has come, a moment after its commit.
 */
interface Followed {
  trusted: boolean;
  noticed: boolean;
  registryId: string | null;
  version: number;
}
const followed = new WeakMap<Db, Followed>();
/** After a write of this process, its version is read on every match this long. */
const LOCAL_WRITE_MS = 10_000;

/** Follows the registry's NOTIFY on `database` (the composition root, for the processes that match). */
export async function followRegistry(database: Pick<DatabaseHandle, "db" | "listen">): Promise<() => Promise<void>> {
  const f: Followed = { trusted: false, noticed: true, registryId: null, version: 0 };
  followed.set(database.db, f);
  const stop = await database.listen(REGISTRY_CHANNEL, {
    onReady: () => {
      f.noticed = true;
      f.trusted = true;
    },
    onNotify: () => (f.noticed = true),
    onLost: () => (f.trusted = false),
  });
  return async () => {
    f.trusted = false;
    followed.delete(database.db);
    await stop();
  };
}

/** The index as it stands when nothing can have changed since the last read (see Followed), else null. */
function unchangedIndex(db: Db): LayeredOwnerIndex | null {
  const f = followed.get(db);
  if (!f || !f.trusted || f.noticed || f.registryId === null) return null;
  if (performance.now() - localRegistryWrite.at < LOCAL_WRITE_MS) return null;
  const state = registries.get(f.registryId)?.state;
  return state && state.version >= f.version ? state.index : null;
}

/** Reads the version; a notice arriving during the read marks it again (cleared before, not after). */
async function readVersion(db: Db): Promise<{ registryId: string; version: number }> {
  const f = followed.get(db);
  if (f) f.noticed = false;
  const read = await readRegistryVersion(db);
  if (f) {
    f.registryId = read.registryId;
    f.version = read.version;
  }
  return read;
}

/** How long the last full build took: reading the registry, and in all (for the benchmark). */
export const lastBuild = { readMs: 0, totalMs: 0 };

/** The owner index answering for the registry as of the version it has now (or a little before, see above). */
export async function currentOwnerIndex(db: Db): Promise<LayeredOwnerIndex> {
  const unchanged = unchangedIndex(db);
  if (unchanged) return unchanged;
  // Inside a transaction the registry may hold its own uncommitted writes: never cached for everyone.
  if (db.isTransaction) {
    const state = [...registries.values()].find((r) => r.state !== null)?.state;
    if (state && registries.size === 1) return state.index;
    return new LayeredOwnerIndex(await freshOwnerIndex(db));
  }
  const { registryId, version } = await readVersion(db);
  const reg = registryOf(registryId);
  for (;;) {
    const state = reg.state ?? (await firstBuild(db, reg));
    if (state.version >= version) return state.index;
    // Too large a change to read in a match's way: answer from what there is while a new base is built.
    if (version <= reg.beyondDelta) return state.index;
    reg.delta ??= applyDelta(db, state).finally(() => (reg.delta = null));
    const next = await reg.delta;
    if (next === null) {
      reg.beyondDelta = Math.max(reg.beyondDelta, version);
      schedule(db, reg, URGENT_QUIET_MS, URGENT_MAX_WAIT_MS);
      return (reg.state ?? state).index;
    }
    if (!reg.state || reg.state.version < next.version) reg.state = next;
    if (next.changed.size >= FOLD_AT) schedule(db, reg, URGENT_QUIET_MS, URGENT_MAX_WAIT_MS);
    else if (next.changed.size > 0) schedule(db, reg, FOLD_QUIET_MS, FOLD_MAX_WAIT_MS);
  }
}

function registryOf(registryId: string): Registry {
  let reg = registries.get(registryId);
  if (!reg) {
    reg = { state: null, delta: null, build: null, timer: null, timerDue: 0, askedSince: null, beyondDelta: 0 };
    registries.set(registryId, reg);
  }
  return reg;
}

async function firstBuild(db: Db, reg: Registry): Promise<IndexState> {
  reg.build ??= buildState(db).finally(() => (reg.build = null));
  const built = await reg.build;
  if (!reg.state || reg.state.version < built.version) reg.state = built;
  return reg.state;
}

/** The state one delta on: the organisations changed since `state`, read as of the version now; null: too many. */
async function applyDelta(db: Db, state: IndexState): Promise<IndexState | null> {
  const read = await snapshotRead(db, async (tx) => {
    const { version } = await readRegistryVersion(tx);
    const newly = await readRegistryChanges(tx, state.version, version);
    if (newly === null || newly.size + state.changed.size > MAX_DELTA) return null;
    return { version, newly, rows: await readRegistrySnapshot(tx, [...newly]) };
  });
  if (read === null) return null;
  const changed = new Set([...state.changed, ...read.newly]);
  const keep = <T extends { organisation_id: string }>(rows: T[], fresh: T[]) => [
    ...rows.filter((r) => !read.newly.has(r.organisation_id)),
    ...fresh,
  ];
  const overlay: RegistrySnapshot = {
    organisations: [...state.overlay.organisations.filter((o) => !read.newly.has(o.id)), ...read.rows.organisations],
    networks: keep(state.overlay.networks, read.rows.networks),
    asns: keep(state.overlay.asns, read.rows.asns),
    domains: keep(state.overlay.domains, read.rows.domains),
    urlPrefixes: keep(state.overlay.urlPrefixes, read.rows.urlPrefixes),
    inhibitions: keep(state.overlay.inhibitions, read.rows.inhibitions),
  };
  const index = new LayeredOwnerIndex(state.base, new OwnerIndex(indexData(overlay)), changed);
  return { version: read.version, base: state.base, overlay, changed, index };
}

/** The whole registry as of now, built in slices (OwnerIndex.buildInSteps). */
async function buildState(db: Db): Promise<IndexState> {
  const started = performance.now();
  const { version, snapshot } = await snapshotRead(db, async (tx) => ({
    version: (await readRegistryVersion(tx)).version,
    snapshot: await readRegistrySnapshot(tx),
  }));
  lastBuild.readMs = performance.now() - started;
  const base = await OwnerIndex.buildInSteps(await indexDataInSteps(snapshot));
  lastBuild.totalMs = performance.now() - started;
  return { version, base, overlay: emptySnapshot(), changed: new Set(), index: new LayeredOwnerIndex(base) };
}

/** The whole registry's index as of now, built at once: what the index kept up must equal (tests). */
export async function freshOwnerIndex(db: Db): Promise<OwnerIndex> {
  const snapshot = await snapshotRead(db, (tx) => readRegistrySnapshot(tx));
  return new OwnerIndex(indexData(snapshot));
}

/**
 * Asks for a new base `quietMs` after the last ask (a burst of writes makes one build), but no later than
 * `maxWaitMs` after the first; one build at a time.
 */
function schedule(db: Db, reg: Registry, quietMs: number, maxWaitMs: number): void {
  const now = Date.now();
  reg.askedSince ??= now;
  const due = Math.min(now + quietMs, reg.askedSince + maxWaitMs);
  if (reg.timer !== null && reg.timerDue <= due) return;
  if (reg.timer !== null) clearTimeout(reg.timer);
  reg.timerDue = due;
  reg.timer = setTimeout(() => {
    reg.timer = null;
    reg.askedSince = null;
    void rebuild(db, reg);
  }, due - now);
  // A pending build keeps no process (a CLI command, a test) alive.
  reg.timer.unref();
}

/** Builds a new base beside the index in use and swaps it in, caught up by a delta when writes went on. */
async function rebuild(db: Db, reg: Registry): Promise<void> {
  if (reg.build) return;
  try {
    reg.build = buildState(db);
    let built: IndexState | null = await reg.build;
    const current = reg.state;
    if (current && current.version > built.version) built = await applyDelta(db, built);
    if (built && (!reg.state || reg.state.version <= built.version)) reg.state = built;
    else schedule(db, reg, URGENT_QUIET_MS, URGENT_MAX_WAIT_MS);
  } catch {
    // The database went away (a closing process) or failed for a moment: the next match tries the delta
    // again, and asks for another build if it still cannot (no timer of its own on a database gone).
    reg.beyondDelta = 0;
  } finally {
    reg.build = null;
  }
}

function indexNetworks(rows: RegistrySnapshot["networks"], orgIndex: ReadonlyMap<string, number>): IndexNetwork[] {
  const networks: IndexNetwork[] = [];
  for (const n of rows) {
    const o = orgIndex.get(n.organisation_id) ?? -1;
    if (n.first4 !== null && n.last4 !== null) {
      networks.push({ id: n.id, org: o, family: 4, first: BigInt(n.first4), last: BigInt(n.last4), label: n.label });
      continue;
    }
    const first = parseAddress(n.first6 ?? "");
    const last = parseAddress(n.last6 ?? "");
    if (!first || !last) continue;
    networks.push({ id: n.id, org: o, family: first.family, first: first.value, last: last.value, label: n.label });
  }
  return networks;
}

function emptySnapshot(): RegistrySnapshot {
  return { organisations: [], networks: [], asns: [], domains: [], urlPrefixes: [], inhibitions: [] };
}

/** indexData letting the event loop in every so many rows (a whole registry's networks). */
async function indexDataInSteps(snapshot: RegistrySnapshot): Promise<OwnerIndexData> {
  const slice = 25_000;
  const parts: RegistrySnapshot[] = [];
  for (let at = 0; at < snapshot.networks.length; at += slice)
    parts.push({ ...emptySnapshot(), networks: snapshot.networks.slice(at, at + slice) });
  const data = indexData({ ...snapshot, networks: [] });
  const orgIndex = new Map(snapshot.organisations.map((o, i) => [o.id, i]));
  for (const part of parts) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    data.networks.push(...indexNetworks(part.networks, orgIndex));
  }
  return data;
}

/** Reads in one snapshot (repeatable read), or in the caller's transaction. */
function snapshotRead<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().setIsolationLevel("repeatable read").execute(work);
}

/** Registry rows → the index's input (organisations by number, network ends as bigints). */
function indexData(snapshot: RegistrySnapshot): OwnerIndexData {
  const orgIndex = new Map(snapshot.organisations.map((o, i) => [o.id, i]));
  const org = (id: string) => orgIndex.get(id) ?? -1;
  return {
    organisations: snapshot.organisations,
    networks: indexNetworks(snapshot.networks, orgIndex),
    asns: snapshot.asns.map((a) => ({ asn: a.asn, org: org(a.organisation_id) })),
    domains: snapshot.domains.map((d) => ({ domain: d.domain, org: org(d.organisation_id) })),
    urlPrefixes: snapshot.urlPrefixes.map((u) => ({ prefix: u.prefix, org: org(u.organisation_id) })),
    inhibitions: snapshot.inhibitions.map((i) => ({
      id: i.id,
      org: org(i.organisation_id),
      networkId: i.network_id,
      types: i.classification_types,
      expiresAt: i.expires_at ? i.expires_at.getTime() : null,
    })),
  };
}
