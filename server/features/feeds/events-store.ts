import { sql } from "kysely";
import type { FeedEventData } from "../../../contract/feed-events.js";
import type { Db } from "../../platform/db/connect.js";
import { canCopy } from "../../platform/db/copy.js";
import { INSERT_EVENTS, copyEventBatch } from "./copy-events.js";

// Storing events: one statement per batch records the batch's findings in feed_seen and inserts only
// the events whose finding was new there, so dedupe costs one primary-key probe per event and no
// round trip of its own. On PostgreSQL the batch is COPYed into a per-connection temporary table
// (copy-events.ts); on the embedded database, which has no COPY FROM STDIN, it travels as one jsonb
// parameter (jsonb_to_recordset). No statement is ever built per row.

/** An event ready to store: harmonised, identified, and with its owner when one matched. */
export interface StorableEvent extends FeedEventData {
  line: number;
  /** The finding's SHA-256 (hex): event-hash.ts. */
  hash: string;
  bucket: number;
  organisationId: string | null;
  matchedBy: string | null;
}

/** Stores the new events of a batch; answers how many were stored (the rest were duplicates) and matched. */
export async function insertEventBatch(
  db: Db,
  target: { sourceId: string; runId: string },
  events: readonly StorableEvent[],
): Promise<{ stored: number; matched: number }> {
  if (events.length === 0) return { stored: 0, matched: 0 };
  // Not awaited here: the batch is encoded at once, and its events are free while the database works
  // (a batch's events kept alive across the await cost every young-generation GC their copying).
  if (canCopy(db)) return copyEventBatch(db, target, events);
  const rows = events.map((e) => ({
    hash: e.hash,
    bucket: e.bucket,
    time_source: e.fields["time.source"],
    line: e.line,
    taxonomy: e.fields["classification.taxonomy"],
    type: e.fields["classification.type"],
    identifier: e.fields["classification.identifier"] ?? null,
    source_ip: e.fields["source.ip"] ?? null,
    source_network: e.fields["source.network"] ?? null,
    source_port: e.fields["source.port"] ?? null,
    source_asn: e.fields["source.asn"] ?? null,
    source_fqdn: e.fields["source.fqdn"] ?? null,
    destination_ip: e.fields["destination.ip"] ?? null,
    organisation_id: e.organisationId,
    matched_by: e.matchedBy,
    fields: e.fields,
    extra: e.extra,
  }));
  const result = await sql<{ stored: number; matched: number }>`
    with input as (
      select distinct on (x.hash, x.bucket) decode(x.hash, 'hex') as event_hash, x.*
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        hash text, bucket bigint, time_source timestamptz, line integer, taxonomy text, type text,
        identifier text, source_ip inet, source_network cidr, source_port integer, source_asn bigint,
        source_fqdn text, destination_ip inet, organisation_id uuid, matched_by text, fields jsonb, extra jsonb)
    ), fresh as (
      insert into feed_seen (source_id, event_hash, time_bucket)
      select ${target.sourceId}::uuid, event_hash, bucket from input
      order by event_hash, bucket
      on conflict do nothing
      returning event_hash, time_bucket
    ), inserted as (
    ${sql.raw(INSERT_EVENTS)}
    select i.time_source, ${target.runId}::uuid, ${target.sourceId}::uuid, i.line, i.taxonomy, i.type, i.identifier,
      i.source_ip, i.source_network, i.source_port, i.source_asn, i.source_fqdn, i.destination_ip,
      i.organisation_id, i.matched_by, i.fields, i.extra
    from input i join fresh f on f.event_hash = i.event_hash and f.time_bucket = i.bucket
    returning organisation_id
    )
    select count(*)::int as stored, count(organisation_id)::int as matched from inserted
  `.execute(db);
  const row = result.rows[0];
  return { stored: Number(row?.stored ?? 0), matched: Number(row?.matched ?? 0) };
}

/** Removes a failed run's events and their findings, so a re-run stores them again. */
export async function removeRunEvents(db: Db, sourceId: string, runId: string): Promise<void> {
  await sql`delete from feed_events where run_id = ${runId}::uuid`.execute(db);
  // Findings are not stored by run; they are the ones the source saw since the run started (a source
  // runs one file at a time: run-feed.ts holds its lock), and must be forgotten too, or the re-run
  // would count its own events as duplicates.
  await sql`
    delete from feed_seen s using feed_runs r
    where r.id = ${runId}::uuid and s.source_id = ${sourceId}::uuid and s.seen_at >= r.started_at
  `.execute(db);
}
