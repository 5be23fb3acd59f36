import { type RawBuilder, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";

// The stored files, found by SHA-256 in the rows that hold them: report attachments, a mailed report's
// raw message, a reporter's mailed reply, incident attachments and the files of an incident's mail.
// Like search and extraction, this reads across the features that own those rows, read-only; no table
// of files is kept (and none of theirs is changed), so a file held by several cases is one file here.

const HEX_SHA256 = "^[0-9a-f]{64}$";

/** Every (sha256) held by some row, with duplicates: the union the scanner walks. */
const allFileHashes = sql`(
  select sha256 from report_attachments
  union all select raw_sha256 from reports where raw_sha256 is not null
  union all select raw_sha256 from report_messages where raw_sha256 is not null
  union all select sha256 from incident_attachments
  union all select sha256 from incident_message_files
)`;

/**
 * Enrols up to `limit` files that have no scan row yet (ruleset version 0: waiting for their first
 * scan); answers how many. Anything not a SHA-256 is passed over rather than failing the statement
 * (checked after the anti-join, on the few candidates: a pattern match on every row was most of the
 * statement's time on PGlite).
 */
export async function enrolNewFiles(db: Db, at: Date, limit: number): Promise<number> {
  const result = await sql`
    insert into yara_file_scans (sha256, enrolled_at)
    select c.sha256, ${at}::timestamptz from (
      select distinct f.sha256 from ${allFileHashes} as f(sha256)
      where not exists (select 1 from yara_file_scans s where s.sha256 = f.sha256)
      limit ${limit}) c
    where c.sha256 ~ ${HEX_SHA256}
    on conflict (sha256) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

// The tables whose new rows bring files to enrol, or (incident_reports) bring files to an incident.
const HOLDING_TABLES = [
  "report_attachments",
  "reports",
  "report_messages",
  "incident_attachments",
  "incident_message_files",
  "incident_reports",
];

/**
 * How many rows were ever inserted into the tables holding files, by PostgreSQL's statistics (also
 * PGlite's): a cheap "has anything been written since" that spares the scanner walking every file each
 * pass. The counters move only after the writing transaction ends, and reset after a crash; null when
 * statistics are off. Callers walk everything now and then regardless.
 */
export async function countRowsWrittenToFileTables(db: Db): Promise<number | null> {
  const result = await sql<{ n: number | null; on: string }>`
    select (select sum(n_tup_ins)::int8 from pg_stat_user_tables
            where schemaname = current_schema() and relname = any(${HOLDING_TABLES})) as n,
           current_setting('track_counts') as on`.execute(db);
  const row = result.rows[0];
  return row && row.on === "on" && row.n !== null ? Number(row.n) : null;
}

/** A case holding a file, with the file's name there. */
export interface FileHolder {
  kind: "report" | "incident";
  reference: string;
  filename: string;
}

/**
 * SQL: the cases the actor may see (platform/tlp.ts) holding the file `sha256`, with its name in each.
 * Every read of a match goes through this: a match whose file only hidden cases hold has no holder, and
 * is not shown, counted or hinted at.
 */
export function visibleHoldersSql(actor: Actor, sha256: RawBuilder<unknown>): RawBuilder<FileHolder> {
  // Aliases of their own (h…): the caller's and the policy's (vr, vi, vm) must stay visible inside.
  return sql<FileHolder>`
    select 'report' as kind, hr.reference, hra.filename from report_attachments hra
      join reports hr on hr.id = hra.report_id where hra.sha256 = ${sha256} and ${reportVisibleSql(actor, "hr")}
    union all
    select 'report', hr.reference, hr.reference || '.eml' from reports hr
      where hr.raw_sha256 = ${sha256} and ${reportVisibleSql(actor, "hr")}
    union all
    select 'report', hr.reference, hr.reference || '-reply.eml' from report_messages hrm
      join reports hr on hr.id = hrm.report_id where hrm.raw_sha256 = ${sha256} and ${reportVisibleSql(actor, "hr")}
    union all
    select 'incident', hi.reference, hia.filename from incident_attachments hia
      join incidents hi on hi.id = hia.incident_id where hia.sha256 = ${sha256} and ${incidentVisibleSql(actor, "hi")}
    union all
    select 'incident', hi.reference, hf.filename from incident_message_files hf
      join incident_messages him on him.id = hf.message_id join incidents hi on hi.id = him.incident_id
      where hf.sha256 = ${sha256} and ${incidentVisibleSql(actor, "hi")}`;
}

/** The files of one report (its attachments, its raw mail and its mailed replies'), with their names. */
export async function selectReportFiles(db: Db, reportId: string): Promise<{ sha256: string; filename: string }[]> {
  const result = await sql<{ sha256: string; filename: string }>`
    select sha256, filename from report_attachments where report_id = ${reportId}
    union all select raw_sha256, reference || '.eml' from reports where id = ${reportId} and raw_sha256 is not null
    union all select rm.raw_sha256, r.reference || '-reply.eml' from report_messages rm join reports r on r.id = rm.report_id
      where rm.report_id = ${reportId} and rm.raw_sha256 is not null`.execute(db);
  return result.rows;
}

/** The files of one incident: its own attachments and its mail's files. */
export async function selectIncidentFiles(db: Db, incidentId: string): Promise<{ sha256: string; filename: string }[]> {
  const result = await sql<{ sha256: string; filename: string }>`
    select sha256, filename from incident_attachments where incident_id = ${incidentId}
    union all select f.sha256, f.filename from incident_message_files f
      join incident_messages m on m.id = f.message_id where m.incident_id = ${incidentId}`.execute(db);
  return result.rows;
}

/** A rule's match on a file an incident holds, with no timeline event on that incident yet. */
export interface PendingNotice {
  incident_id: string;
  sha256: string;
  rule_id: string;
  rule_version: number;
  filename: string;
  /** The linked report the file came with; null when the incident holds it itself. */
  report: string | null;
}

/**
 * Matches not yet told to an incident holding their file — directly, or through a linked report — up
 * to `limit`, one per (incident, file, rule): its newest rule version, and the incident's own copy
 * before a report's (an event naming a report is shown only to who sees the report). Driven from the
 * matches (few), each looking up its file's holders through their SHA-256 indexes.
 */
export async function selectPendingNotices(db: Db, limit: number): Promise<PendingNotice[]> {
  const result = await sql<PendingNotice>`
    select distinct on (h.incident_id, m.sha256, m.rule_id)
      h.incident_id, m.sha256, m.rule_id, m.rule_version, h.filename, h.report
    from yara_matches m
    join yara_rules yr on yr.id = m.rule_id and yr.deleted_at is null
    cross join lateral (
      select ia.incident_id, ia.filename, null::text as report from incident_attachments ia
        where ia.sha256 = m.sha256
      union all
      select im.incident_id, f.filename, null from incident_message_files f
        join incident_messages im on im.id = f.message_id where f.sha256 = m.sha256
      union all
      select ir.incident_id, ra.filename, r.reference from report_attachments ra
        join incident_reports ir on ir.report_id = ra.report_id join reports r on r.id = ra.report_id
        where ra.sha256 = m.sha256
      union all
      select ir.incident_id, r.reference || '.eml', r.reference from reports r
        join incident_reports ir on ir.report_id = r.id where r.raw_sha256 = m.sha256
      union all
      select ir.incident_id, r.reference || '-reply.eml', r.reference from report_messages rm
        join incident_reports ir on ir.report_id = rm.report_id join reports r on r.id = rm.report_id
        where rm.raw_sha256 = m.sha256
    ) h
    where not exists (
      select 1 from yara_match_notices n
      where n.incident_id = h.incident_id and n.sha256 = m.sha256 and n.rule_id = m.rule_id)
    order by h.incident_id, m.sha256, m.rule_id, m.rule_version desc, (h.report is null) desc
    limit ${limit}`.execute(db);
  return result.rows;
}

/** The reports and incidents holding a file (evidence's case_files view), hidden or not: the caller filters. */
export async function selectCaseIdsHoldingFile(db: Db, sha256: string): Promise<string[]> {
  const rows = await db.selectFrom("case_files").select("case_id").distinct().where("sha256", "=", sha256).execute();
  return rows.map((r) => r.case_id);
}
