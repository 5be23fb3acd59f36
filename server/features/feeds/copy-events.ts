import type { Db } from "../../platform/db/connect.js";
import { withCopySession } from "../../platform/db/copy.js";
import type { StorableEvent } from "./events-store.js";

// The PostgreSQL path of storing a batch, in one transaction so a batch is stored whole or not at all:
// the batch's findings recorded in feed_seen by one insert (its hashes as two array parameters), which
// answers the new ones, then only the events of those COPYed straight into feed_events (PostgreSQL
// routes each row to its month's partition). No staging table: every event is written once, parsed
// once. Plain SQL a distributed PostgreSQL (Citus) also runs: both statements target tables distributed
// by source_id (ARCHITECTURE.md).

/** The events' columns as both paths insert them (this one and events-store.ts's). */
export const EVENT_COLUMNS =
  "time_source, run_id, source_id, line, classification_taxonomy, classification_type, " +
  "classification_identifier, source_ip, source_network, source_port, source_asn, source_fqdn, " +
  "destination_ip, organisation_id, matched_by, fields, extra";
export const INSERT_EVENTS = `insert into feed_events (${EVENT_COLUMNS})`;

const SEEN = `
  insert into feed_seen (source_id, event_hash, time_bucket)
  select $1::uuid, decode(x.hash, 'hex'), x.bucket from unnest($2::text[], $3::bigint[]) as x(hash, bucket)
  -- One order for every batch: two batches that share findings wait for each other, never deadlock.
  order by 2, 3
  on conflict do nothing
  returning encode(event_hash, 'hex') as hash, time_bucket::text as bucket`;

/** COPY's data goes in pieces of about this many characters: small enough for the young generation. */
const PIECE = 48_000;

/** Stores a batch by COPY (the database must be able to: canCopy). */
export function copyEventBatch(
  db: Db,
  target: { sourceId: string; runId: string },
  events: readonly StorableEvent[],
): Promise<{ stored: number; matched: number }> {
  // Encoded before a connection is taken, and only the encoding kept: a finding that occurs twice in
  // the batch is kept once.
  const rows = new Map<string, { line: string; matched: boolean }>();
  const hashes: string[] = [];
  const buckets: number[] = [];
  for (const e of events) {
    const key = `${e.hash}:${e.bucket}`;
    if (rows.has(key)) continue;
    rows.set(key, { line: copyLine(e, target), matched: e.organisationId !== null });
    hashes.push(e.hash);
    buckets.push(e.bucket);
  }
  return storeEncoded(db, target.sourceId, rows, hashes, buckets);
}

async function storeEncoded(
  db: Db,
  sourceId: string,
  rows: ReadonlyMap<string, { line: string; matched: boolean }>,
  hashes: readonly string[],
  buckets: readonly number[],
): Promise<{ stored: number; matched: number }> {
  const stored = await withCopySession(db, async (session) => {
    const fresh = await session.query<{ hash: string; bucket: string }>(SEEN, [sourceId, hashes, buckets]);
    const pieces: string[] = [];
    let piece = "";
    let matched = 0;
    for (const f of fresh) {
      const row = rows.get(`${f.hash}:${f.bucket}`);
      if (!row) continue;
      piece += row.line;
      if (row.matched) matched += 1;
      if (piece.length >= PIECE) {
        pieces.push(piece);
        piece = "";
      }
    }
    if (piece !== "") pieces.push(piece);
    if (pieces.length > 0) await session.copyIn(`copy feed_events (${EVENT_COLUMNS}) from stdin`, pieces);
    return { stored: fresh.length, matched };
  });
  if (!stored) throw new Error("this database cannot COPY");
  return stored;
}

/** One event as a row of COPY's text format, in EVENT_COLUMNS' order; one flat string. */
function copyLine(e: StorableEvent, target: { sourceId: string; runId: string }): string {
  const f = e.fields;
  return (
    [
      value(f["time.source"]),
      target.runId,
      target.sourceId,
      e.line,
      value(f["classification.taxonomy"]),
      value(f["classification.type"]),
      value(f["classification.identifier"]),
      value(f["source.ip"]),
      value(f["source.network"]),
      value(f["source.port"]),
      value(f["source.asn"]),
      value(f["source.fqdn"]),
      value(f["destination.ip"]),
      value(e.organisationId),
      value(e.matchedBy),
      value(JSON.stringify(f)),
      value(JSON.stringify(e.extra)),
    ].join("\t") + "\n"
  );
}

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY's text format: \N for none, backslash, tab and line ends escaped. */
function value(v: string | number | null | undefined): string {
  if (v === undefined || v === null) return "\\N";
  const s = typeof v === "number" ? String(v) : v;
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
