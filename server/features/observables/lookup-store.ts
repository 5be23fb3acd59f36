import { type RawBuilder, sql } from "kysely";
import type { CaseKind, ObservableTag, ObservableType, TypedValue } from "../../../contract/observables.js";
import type { Actor } from "../../platform/auth/actor.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import { hiddenCasesSql, verdictVisibleSql } from "../../platform/tlp.js";
import { settledSql, summaryCtes } from "./summary-store.js";

// SQL for looking many values up at once (bulk lookup, value search): each value's summary from its
// sightings in the cases the viewer may see (the TLP policy's hidden set). A value no such case holds
// has no summary, exactly like one never stored.

export interface SeenCaseRow {
  kind: CaseKind;
  reference: string;
  title: string;
  tlp: string;
  status: string;
  lastSeen: string;
}

export interface ValueSummaryRow {
  id: number;
  type: ObservableType;
  value: string;
  verdict: ObservableTag | null;
  cases: number;
  first_seen: Date;
  last_seen: Date;
  recent: SeenCaseRow[];
}

/**
 * Runs reads planned from estimates that cannot be right — a pasted list of 10,000 values, the index's
 * pending set — without PostgreSQL's JIT compiler: their estimated cost set it off, and compiling took
 * longer than running (2.6 s of the index's 3.4 s on 1,000,000 sightings). In a transaction, so the
 * setting stays with them (`set local`); PGlite has no JIT, and takes the setting all the same.
 */
export function withoutJit<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return work(tx);
  });
}

/** The values to sum up: as typed values (bulk lookup), or as ids already found (value search). */
export type SummaryInput = { values: readonly TypedValue[] } | { ids: readonly number[] };

function foundSql(actor: Actor, input: SummaryInput): RawBuilder<unknown> {
  const verdict = sql`case when ${verdictVisibleSql(actor, "o")} then o.tag end as verdict`;
  if ("ids" in input)
    return sql`select x.i, o.id, o.type, o.value, ${verdict}
      from unnest(${input.ids}::int8[]) with ordinality as x(id, i) join observables o on o.id = x.id`;
  // Lateral: one probe of the (type, value) index per value. Planned as a join, PostgreSQL hashed all
  // 250,000 stored values to find 10,000 (190 ms of a 1.1 s lookup).
  return sql`select x.i, o.id, o.type, o.value, ${verdict}
    from unnest(${input.values.map((v) => v.type)}::text[], ${input.values.map((v) => v.value)}::text[])
      with ordinality as x(t, v, i)
    cross join lateral (select * from observables o where o.type = x.t and o.value = x.v limit 1) o`;
}

/**
 * The summaries of the values the actor may see, in input order: verdict, how many visible cases hold
 * each, first and last seen (summed as summary-store.ts says), and the newest `shown` cases holding it.
 * One statement whatever the number of values, each value a few index probes however common it is:
 * 10,000 are never looked up row by row from Node, nor their every sighting read.
 */
export async function selectValueSummaries(
  db: Db,
  actor: Actor,
  input: SummaryInput,
  shown: number,
): Promise<ValueSummaryRow[]> {
  return withoutJit(db, (tx) => valueSummaries(tx, actor, input, shown));
}

async function valueSummaries(db: Db, actor: Actor, input: SummaryInput, shown: number): Promise<ValueSummaryRow[]> {
  const ids = sql`select id from found`;
  const rows = await sql<ValueSummaryRow>`with found as materialized (${foundSql(actor, input)}),
    ${summaryCtes(actor, ids)},
    summed as materialized (${settledSql(ids)} union all select * from live),
    -- The newest cases holding each value: case ids are time-ordered (migration 0014), so these are the
    -- first few of the value index read backwards, however many cases hold a common value.
    latest as materialized (
      select f.id as observable_id, c.case_id, c.case_kind, c.last_seen
      from found f
      join summed a on a.id = f.id
      cross join lateral (
        select s.case_id, min(s.case_kind) as case_kind, max(s.seen_at) as last_seen
        from sightings s
        where s.observable_id = f.id and s.case_id not in (select id from hidden)
        group by s.case_id
        order by s.case_id desc
        limit ${shown}) c),
    -- Each case read once, however many of the values it holds (a pasted list often comes from one).
    case_heads as materialized (
      select c.case_id, h.reference, h.title, h.tlp, h.status
      from (select distinct case_id, case_kind from latest) c
      join lateral (
        select r.reference, coalesce(nullif(r.summary, ''), left(r.what_happened, 120)) as title, r.tlp, r.status
        from reports r where c.case_kind = 'report' and r.id = c.case_id
        union all
        select i.reference, i.title, i.tlp, i.status from incidents i
        where c.case_kind = 'incident' and i.id = c.case_id) h on true),
    heads as (
      select l.observable_id, json_agg(json_build_object('kind', l.case_kind, 'reference', h.reference,
          'title', h.title, 'tlp', h.tlp, 'status', h.status, 'lastSeen', l.last_seen)
          order by l.case_id desc) as recent
      from latest l join case_heads h on h.case_id = l.case_id
      group by l.observable_id)
    select f.id, f.type, f.value, f.verdict, a.cases, a.first_seen, a.last_seen,
      coalesce(hd.recent, '[]'::json) as recent
    from found f
    join summed a on a.id = f.id
    left join heads hd on hd.observable_id = f.id
    order by f.i`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Whether the value under `o` is held by a case the actor may see (`hidden`: hiddenCasesSql's set). */
const heldVisibly = sql`exists (select 1 from sightings s
  where s.observable_id = o.id and s.case_id not in (select id from hidden))`;

/** The id of one stored value if a case the actor may see holds it. */
export async function selectVisibleValueId(db: Db, actor: Actor, value: TypedValue): Promise<number[]> {
  const rows = await sql<{ id: number }>`with hidden as materialized (${hiddenCasesSql(actor)})
    select o.id from observables o
    where o.type = ${value.type} and o.value = ${value.value} and ${heldVisibly}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/**
 * A domain and the names under it (`*.example.se`) that cases the actor may see hold, in name order
 * from the right (example.se, a.example.se, b.a.example.se …), at most `limit`.
 */
export async function selectDomainsUnder(db: Db, actor: Actor, domain: string, limit: number): Promise<number[]> {
  // The names under it are those whose reversed form starts with the reversed ".example.se": the key
  // range up to the character after "." ("/"), on the index of reversed names in C order.
  const reversed = `${[...domain].reverse().join("")}.`;
  const rows = await sql<{ id: number }>`with hidden as materialized (${hiddenCasesSql(actor)})
    (select o.id, '' as k from observables o
     where o.type = 'domain' and o.value = ${domain} and ${heldVisibly})
    union all
    (select o.id, reverse(o.value) collate "C" as k from observables o
     where o.type = 'domain'
       and reverse(o.value) collate "C" >= ${reversed} and reverse(o.value) collate "C" < ${`${reversed.slice(0, -1)}/`}
       and ${heldVisibly}
     order by reverse(o.value) collate "C"
     limit ${limit})
    order by k limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/**
 * Addresses and networks inside `network` (itself included) that cases the actor may see hold, in
 * address order, at most `limit`: a key range on observables.network (inet sorts a network before
 * what is inside it, and its broadcast address last).
 */
export async function selectInsideNetwork(db: Db, actor: Actor, network: string, limit: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`with hidden as materialized (${hiddenCasesSql(actor)})
    select o.id from observables o
    where o.network >= ${network}::cidr and o.network <= host(broadcast(${network}::cidr))::inet
      and o.network <<= ${network}::cidr and ${heldVisibly}
    order by o.network limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

/** Networks around an address (its prefixes, each an equality on observables.network) held visibly. */
export async function selectNetworksAround(db: Db, actor: Actor, address: string, limit: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`with hidden as materialized (${hiddenCasesSql(actor)})
    select o.id from generate_series(case family(${address}::inet) when 4 then 8 else 16 end,
        masklen(${address}::inet) - 1) as p(len)
    join observables o on o.network = set_masklen(${address}::cidr, p.len)
    where ${heldVisibly}
    order by p.len desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}
