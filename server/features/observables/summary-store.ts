import { type RawBuilder, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import { hiddenCasesSql, restrictedCasesSql } from "../../platform/tlp.js";

// How a value's cases, first and last sighting are summed for one viewer, exactly, without reading
// every sighting: the summary over cases no TLP:RED incident restricts (observable_stats, migration
// 0033), plus the sightings in the restricted cases this viewer may see, or — while the value is
// pending in the summary — its sightings in every case they may see. A value only hidden cases hold
// sums to nothing. Shared by the index and the lookups (index-store.ts, lookup-store.ts).

/**
 * The common table expressions (`hidden`, `restricted_seen`, `pending`, `red`, `live`) for the values
 * `scope` selects (an `id` column; null: every value). `red` and `live` give (id, cases, first_seen,
 * last_seen): the viewer's restricted cases for values not pending, and everything for those pending.
 */
export function summaryCtes(actor: Actor, scope: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const only = scope === null ? sql`` : sql`and s.observable_id in (${scope})`;
  return sql`hidden as materialized (${hiddenCasesSql(actor)}),
    restricted_seen as materialized (
      select r.id from (${restrictedCasesSql()}) r where r.id not in (select id from hidden)),
    pending as materialized (
      select s.observable_id as id from observable_stats_pending_cases p join sightings s on s.case_id = p.case_id
      union
      select observable_id from observable_stats_pending_values),
    red as materialized (
      select s.observable_id as id, count(distinct s.case_id)::int as cases, min(s.seen_at) as first_seen,
        max(s.seen_at) as last_seen
      from sightings s
      where s.case_id in (select id from restricted_seen) ${only}
        and not exists (select 1 from pending p where p.id = s.observable_id)
      group by s.observable_id),
    live as materialized (
      select p.id, c.cases, c.first_seen, c.last_seen
      from pending p
      cross join lateral (
        select count(distinct s.case_id)::int as cases, min(s.seen_at) as first_seen, max(s.seen_at) as last_seen
        from sightings s where s.observable_id = p.id and s.case_id not in (select id from hidden)) c
      where c.cases > 0 ${scope === null ? sql`` : sql`and p.id in (${scope})`})`;
}

/**
 * The summed rows (id, cases, first_seen, last_seen) of the values `candidates` selects (an `id`
 * column; pending ones are left to `live`), under `summaryCtes`.
 */
export function settledSql(candidates: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select c.id, (coalesce(st.cases, 0) + coalesce(r.cases, 0))::int as cases,
      least(st.first_seen, r.first_seen) as first_seen, greatest(st.last_seen, r.last_seen) as last_seen
    from (${candidates}) c
    left join observable_stats st on st.observable_id = c.id
    left join red r on r.id = c.id
    where (st.observable_id is not null or r.id is not null)
      and not exists (select 1 from pending p where p.id = c.id)`;
}
