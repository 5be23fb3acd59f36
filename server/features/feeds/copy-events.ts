import type { Db } from "../../platform/db/connect.js";
import { withCopySession } from "../../platform/db/copy.js";
import type { StorableEvent } from "./events-store.js";

// The PostgreSQL path of storing a batch: COPY into a temporary table of this connection (made once
// per connection, emptied by each commit), then one insert-select that records the findings in
// feed_seen and stores the events whose finding was new — in one transaction, so a batch is stored
// whole or not at all. Plain SQL a distributed PostgreSQL (Citus) also runs: the staging table is
// local, and the insert-select targets tables distributed by source_id (ARCHITECTURE.md).

const STAGE_COLUMNS =
  "hash bytea, bucket bigint, time_source timestamptz, line integer, taxonomy text, type text, identifier text, " +
  "source_ip inet, source_network cidr, source_port integer, source_asn bigint, source_fqdn text, " +
  "destination_ip inet, organisation_id uuid, matched_by text, fields jsonb, extra jsonb";

/** The events' columns as both paths insert them (this one and events-store.ts's). */
export const INSERT_EVENTS = `insert into feed_events (time_source, run_id, source_id, line, classification_taxonomy,
  classification_type, classification_identifier, source_ip, source_network, source_port, source_asn, source_fqdn,
  destination_ip, organisation_id, matched_by, fields, extra)`;

const STORE = `
  with fresh as (
    insert into feed_seen (source_id, event_hash, time_bucket)
    select $1::uuid, hash, bucket from feed_stage
    -- One order for every batch: two batches that share findings wait for each other, never deadlock.
    order by hash, bucket
    on conflict do nothing
    returning event_hash, time_bucket
  ), inserted as (
    ${INSERT_EVENTS}
    select s.time_source, $2::uuid, $1::uuid, s.line, s.taxonomy, s.type, s.identifier, s.source_ip,
      s.source_network, s.source_port, s.source_asn, s.source_fqdn, s.destination_ip, s.organisation_id,
      s.matched_by, s.fields, s.extra
    from feed_stage s join fresh f on f.event_hash = s.hash and f.time_bucket = s.bucket
    returning organisation_id
  )
  select count(*)::int as stored, count(organisation_id)::int as matched from inserted`;

/** Stores a batch by COPY; undefined when the database cannot COPY (the caller inserts instead). */
export async function copyEventBatch(
  db: Db,
  target: { sourceId: string; runId: string },
  events: readonly StorableEvent[],
): Promise<{ stored: number; matched: number } | undefined> {
  const text = copyText(events);
  return withCopySession(db, async (session) => {
    if (session.firstTime("feed_stage")) {
      await session.query(`create temporary table if not exists feed_stage (${STAGE_COLUMNS}) on commit delete rows`);
    }
    // No analyze: a never-analysed table is estimated from its pages on disk, which is its real size
    // (analysing every batch cost a sixth of the statement time).
    await session.copyIn("copy feed_stage from stdin", text);
    const [row] = await session.query<{ stored: number; matched: number }>(STORE, [target.sourceId, target.runId]);
    return { stored: Number(row?.stored ?? 0), matched: Number(row?.matched ?? 0) };
  });
}

/** The batch in COPY's text format, a finding that occurs twice in it written once. */
function copyText(events: readonly StorableEvent[]): string {
  const seen = new Set<string>();
  let text = "";
  for (const e of events) {
    const hash = e.hash.toString("hex");
    const key = `${hash}:${e.bucket}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = e.fields;
    text +=
      `\\\\x${hash}\t${e.bucket}\t${value(f["time.source"])}\t${e.line}\t${value(f["classification.taxonomy"])}\t` +
      `${value(f["classification.type"])}\t${value(f["classification.identifier"])}\t${value(f["source.ip"])}\t` +
      `${value(f["source.network"])}\t${value(f["source.port"])}\t${value(f["source.asn"])}\t` +
      `${value(f["source.fqdn"])}\t${value(f["destination.ip"])}\t${value(e.organisationId)}\t` +
      `${value(e.matchedBy)}\t${value(JSON.stringify(f))}\t${value(JSON.stringify(e.extra))}\n`;
  }
  return text;
}

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY's text format: \N for none, backslash, tab and line ends escaped. */
function value(v: string | number | null | undefined): string {
  if (v === undefined || v === null) return "\\N";
  const s = typeof v === "number" ? String(v) : v;
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
