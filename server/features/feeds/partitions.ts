import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// feed_events is partitioned by month of time.source. A month's partition is made when the first
// event of that month arrives (and by the keeper ahead of time); events that arrived while it did not
// exist sit in the default partition and are moved into it as it is made, since PostgreSQL refuses to
// attach a partition whose rows the default partition holds.

/** The partition's name and bounds for the month `time` falls in (UTC). */
export function monthPartition(time: Date): { name: string; from: string; to: string } {
  const y = time.getUTCFullYear();
  const m = time.getUTCMonth();
  const from = new Date(Date.UTC(y, m, 1)).toISOString();
  const to = new Date(Date.UTC(y, m + 1, 1)).toISOString();
  return { name: `feed_events_y${y}m${String(m + 1).padStart(2, "0")}`, from, to };
}

const known = new WeakMap<Db, Set<string>>();
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T[^+]*Z$/;

/**
 * Makes sure each month the times fall in has its partition; cheap when they all exist already. A time
 * may be given as UTC ISO text ("2026-11-30T…Z", as events carry it): its month is read off the text.
 */
export async function ensureMonthPartitions(db: Db, times: Iterable<Date | string>): Promise<void> {
  const seen = known.get(db) ?? new Set<string>();
  known.set(db, seen);
  const months = new Map<string, ReturnType<typeof monthPartition>>();
  let lastMonth = "";
  for (const time of times) {
    const iso = typeof time === "string" && ISO_UTC.test(time);
    // A batch is mostly of one month: the same month's text again costs one comparison.
    if (iso && time.slice(0, 7) === lastMonth) continue;
    const p = monthPartition(typeof time === "string" ? new Date(time) : time);
    if (iso) lastMonth = time.slice(0, 7);
    if (!seen.has(p.name)) months.set(p.name, p);
  }
  for (const p of months.values()) {
    await createMonthPartition(db, p);
    seen.add(p.name);
  }
}

async function createMonthPartition(db: Db, p: ReturnType<typeof monthPartition>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Two processes making the same month wait for each other; the second finds it made.
    await sql`select pg_advisory_xact_lock(hashtext(${p.name}))`.execute(tx);
    const exists = await sql<{ found: string | null }>`select to_regclass(${p.name})::text as found`.execute(tx);
    if (exists.rows[0]?.found) return;
    const table = sql.table(p.name);
    await sql`create table ${table} (like feed_events including defaults)`.execute(tx);
    await sql`
      with moved as (
        delete from feed_events_default where time_source >= ${p.from}::timestamptz and time_source < ${p.to}::timestamptz
        returning *
      )
      insert into ${table} select * from moved
    `.execute(tx);
    await sql`alter table feed_events attach partition ${table} for values from (${sql.lit(p.from)}) to (${sql.lit(p.to)})`.execute(
      tx,
    );
  });
}

/** Forgets partitions dropped through another handle (a transaction), so they are made again when needed. */
export function forgetPartitions(db: Db, names: readonly string[]): void {
  for (const name of names) known.get(db)?.delete(name);
}

/** Drops the partitions wholly older than `cutoff` (retention); answers their names. */
export async function dropPartitionsBefore(db: Db, cutoff: Date): Promise<string[]> {
  const parts = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'feed_events' and c.relname ~ '^feed_events_y[0-9]{4}m[0-9]{2}$'
  `.execute(db);
  const dropped: string[] = [];
  for (const { name } of parts.rows) {
    const m = /^feed_events_y(\d{4})m(\d{2})$/.exec(name);
    if (!m) continue;
    const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
    if (end > cutoff) continue;
    await sql`drop table ${sql.table(name)}`.execute(db);
    known.get(db)?.delete(name);
    dropped.push(name);
  }
  return dropped;
}
