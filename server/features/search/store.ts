import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { SearchKind } from "../../../contract/search.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { type TimeBound, boundSql as bound } from "../../platform/time-bound.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";

export interface SearchFilter {
  q: string;
  kinds: readonly SearchKind[];
  from?: TimeBound;
  to?: TimeBound;
  timeZone: string;
  /** The last hit of the previous page: exact rank and time as PostgreSQL wrote them, and its id. */
  after?: { rank: string; at: string; id: string };
  limit: number;
}

export interface HitRow {
  kind: SearchKind;
  id: string;
  reference: string;
  incident_reference: string | null;
  title: string;
  occurred_at: Date;
  rank_text: string;
  at_text: string;
  headline_sv: string;
  headline_en: string;
}

/** ts_headline marks matches with these; the service splits on them, so no HTML is ever produced. */
export const START_MARK = "\u0002";
export const STOP_MARK = "\u0003";
/**
 * ts_headline drops whatever its parser takes for an HTML tag, which would cut evidence such as a
 * quoted `<script>` out of a snippet. "<" goes in as this character and the service puts it back.
 */
export const LT_STAND_IN = "\u0004";
const HEADLINE_OPTIONS = `StartSel=${START_MARK}, StopSel=${STOP_MARK}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

const svQuery = (q: string) => sql`websearch_to_tsquery('swedish', ${q})`;
const enQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;
/** Either language's stems: the stored vectors hold both, so a word matches however it was stemmed. */
const bothQuery = (q: string) => sql`(${svQuery(q)} || ${enQuery(q)})`;
/** How many lexemes the query has after stop words: 0 means there is nothing to search for. */
export async function queryLexemeCount(db: Db, q: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select numnode(${bothQuery(q)}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function inTime(column: RawBuilder<unknown>, f: SearchFilter): RawBuilder<SqlBool> {
  const from = f.from ? sql`${column} >= ${bound(f.from, f.timeZone, false)}` : sql`true`;
  const to = f.to ? sql`${column} < ${bound(f.to, f.timeZone, true)}` : sql`true`;
  return sql<SqlBool>`(${from} and ${to})`;
}

/**
 * How many of the newest matches of each source are ranked. Ranking every match of a common word (a
 * word in half of a million notes) means reading every one of those rows; the newest WINDOW are found
 * by walking a recency index and stopping early, while a rare word's few matches come from the GIN
 * index whole. So rare words (host names, hashes, malware families) rank every match, and a common
 * word ranks its newest WINDOW per source — what an analyst narrows down anyway (filters, more words).
 * 100, not 250: each match passed over costs a recheck of its stored vector, and at 250 a word in 5–10 %
 * of 100,000 incidents took ~100 ms per source (bench/incidents.ts: mixed-word p95 339 ms → 118 ms).
 */
export const SEARCH_WINDOW = 100;

/** A source's newest matches, ranked: `inner` selects the shared columns plus `vec` and `occurred_at`. */
function windowed(inner: RawBuilder<unknown>, q: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select c.kind, c.id, c.reference, c.incident_reference, c.title, c.doc, c.occurred_at,
      ts_rank(c.vec, ${q}) as rank
    from (${inner} order by occurred_at desc limit ${SEARCH_WINDOW}) c`;
}

// A report the indexer has not reached yet (taken in during the last second or so: migration 0030)
// is matched on a vector computed here, from the same definition, so it is findable at once.
const pendingReportVector = sql`fyr_report_search(r.reference, r.summary, r.what_happened, r.organisation_name,
  r.discovery_how, r.countermeasures)`;

/** One SELECT per searchable source, each through the TLP policy; all give the same columns. */
function branches(actor: Actor, f: SearchFilter): RawBuilder<unknown>[] {
  const q = bothQuery(f.q);
  const parts: RawBuilder<unknown>[] = [];
  if (f.kinds.includes("report"))
    parts.push(sql`select 'report'::text as kind, r.id, r.reference, null::text as incident_reference,
        coalesce(nullif(r.summary, ''), left(r.what_happened, 120)) as title,
        concat_ws(' ', r.summary, r.what_happened, r.organisation_name, r.discovery_how, r.countermeasures) as doc,
        r.received_at as occurred_at, coalesce(r.search, ${pendingReportVector}) as vec
      from reports r
      where (r.search @@ ${q} or (r.search is null and ${pendingReportVector} @@ ${q}))
        and ${reportVisibleSql(actor, "r")} and ${inTime(sql.ref("r.received_at"), f)}`);
  if (f.kinds.includes("incident"))
    parts.push(sql`select 'incident'::text as kind, i.id, i.reference, i.reference as incident_reference, i.title,
        concat_ws(' ', i.title, i.resolution) as doc, i.created_at as occurred_at, i.search as vec
      from incidents i
      where i.search @@ ${q} and ${incidentVisibleSql(actor, "i")} and ${inTime(sql.ref("i.created_at"), f)}`);
  if (f.kinds.includes("note"))
    parts.push(sql`select 'note'::text as kind, e.id, i.reference, i.reference as incident_reference, i.title,
        e.body as doc, e.occurred_at, e.search as vec
      from incident_events e join incidents i on i.id = e.incident_id
      where e.kind = 'note' and e.search @@ ${q} and ${incidentVisibleSql(actor, "i")}
        and ${inTime(sql.ref("e.occurred_at"), f)}`);
  if (f.kinds.includes("message")) {
    parts.push(sql`select 'message'::text as kind, m.id, i.reference, i.reference as incident_reference,
        m.subject as title, concat_ws(' ', m.subject, m.body) as doc, m.sent_at as occurred_at, m.search as vec
      from incident_messages m join incidents i on i.id = m.incident_id
      where m.search @@ ${q} and ${incidentVisibleSql(actor, "i")} and ${inTime(sql.ref("m.sent_at"), f)}`);
    parts.push(sql`select 'message'::text as kind, rm.id, r.reference, null::text as incident_reference,
        coalesce(nullif(r.summary, ''), left(r.what_happened, 120)) as title, rm.body as doc,
        rm.sent_at as occurred_at, rm.search as vec
      from report_messages rm join reports r on r.id = rm.report_id
      where rm.search @@ ${q} and ${reportVisibleSql(actor, "r")} and ${inTime(sql.ref("rm.sent_at"), f)}`);
  }
  return parts.map((inner) => windowed(inner, q));
}

/**
 * One page of hits, best first (rank, then newest, then id: a total order, so the keyset cursor neither
 * repeats nor skips). Snippets are computed in the outer query, for the page's rows only.
 */
export async function searchHits(db: Db, actor: Actor, f: SearchFilter): Promise<HitRow[]> {
  const parts = branches(actor, f);
  if (parts.length === 0) return [];
  const after = f.after
    ? sql`where (h.rank, h.occurred_at, h.id) < (${f.after.rank}::real, ${f.after.at}::timestamptz, ${f.after.id}::uuid)`
    : sql``;
  // Marker characters already in the text are dropped, so text can never fake a highlight.
  const doc = sql`translate(p.doc, ${`<${START_MARK}${STOP_MARK}${LT_STAND_IN}`}, ${LT_STAND_IN})`;
  const { rows } = await sql<HitRow>`
    select p.kind, p.id, p.reference, p.incident_reference, p.title, p.occurred_at,
      p.rank::text as rank_text,
      to_char(p.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
      ts_headline('swedish', ${doc}, ${svQuery(f.q)}, ${HEADLINE_OPTIONS}) as headline_sv,
      ts_headline('english', ${doc}, ${enQuery(f.q)}, ${HEADLINE_OPTIONS}) as headline_en
    from (
      select h.* from (${sql.join(parts, sql` union all `)}) h
      ${after}
      order by h.rank desc, h.occurred_at desc, h.id desc
      limit ${f.limit}
    ) p
    order by p.rank desc, p.occurred_at desc, p.id desc`.execute(db);
  return rows;
}
