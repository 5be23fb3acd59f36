import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import { restrictedCasesSql } from "../../platform/tlp.js";

// SQL that keeps the observables index's summary (observable_stats, migration 0033) exact: the values
// marked pending are summed again over the cases no TLP:RED incident restricts, and their marks cleared,
// in one statement, so a reader sees either the old sums with the marks or the new sums without.

/** An advisory lock key of its own (the audit sealer's is another): one pass at a time across nodes. */
const STATS_LOCK = 0x0b5e_57a7;

/**
 * Sums up to `cases` pending cases' values and `values` pending values again; answers how many marks
 * it cleared (0: nothing pending, or another process's pass is running).
 */
export async function refreshPendingStats(db: Db, limits: { cases: number; values: number }): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${STATS_LOCK}) as ok`.execute(tx);
    if (!locked.rows[0]?.ok) return 0;
    const result = await sql<{ cleared: number }>`with
      cases as (
        delete from observable_stats_pending_cases
        where ctid = any(array(select ctid from observable_stats_pending_cases limit ${limits.cases}))
        returning case_id),
      vals as (
        delete from observable_stats_pending_values
        where ctid = any(array(select ctid from observable_stats_pending_values limit ${limits.values}))
        returning observable_id),
      touched as materialized (
        select s.observable_id from sightings s where s.case_id in (select case_id from cases)
        union
        select observable_id from vals),
      restricted as materialized (${restrictedCasesSql()}),
      fresh as materialized (
        select s.observable_id, count(distinct s.case_id)::int as cases, min(s.seen_at) as first_seen,
          max(s.seen_at) as last_seen
        from touched t join sightings s on s.observable_id = t.observable_id
        where s.case_id not in (select id from restricted)
        group by s.observable_id),
      gone as (
        delete from observable_stats st
        where st.observable_id in (select observable_id from touched)
          and st.observable_id not in (select observable_id from fresh)),
      stored as (
        insert into observable_stats (observable_id, cases, first_seen, last_seen)
        select observable_id, cases, first_seen, last_seen from fresh
        on conflict (observable_id) do update
        set cases = excluded.cases, first_seen = excluded.first_seen, last_seen = excluded.last_seen)
      select ((select count(*) from cases) + (select count(*) from vals))::int as cleared`.execute(tx);
    return Number(result.rows[0]?.cleared ?? 0);
  });
}
