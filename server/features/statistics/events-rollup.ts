import { sql } from "kysely";
import type { Clock } from "../../platform/clock.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";

// Feed events per day and type. A run is counted once, when it has finished (the events of a run are
// written before it is `done`); until then, and for a run finished since the last pass, the query
// counts its events live (uncountedEventsSql), so the answer is exact at any moment. Counting by run,
// not by day, takes in late files too (a Shadowserver report of yesterday's scans arrives today).

/** Adds every finished, uncounted run's events to the daily counts, one run per transaction. */
export async function countFinishedRuns(db: Db, clock: Clock): Promise<number> {
  const runs = await db
    .selectFrom("feed_runs as r")
    .select("r.id")
    .where("r.status", "=", "done")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("statistics_counted_runs as c").whereRef("c.run_id", "=", "r.id"))))
    .limit(500)
    .execute();
  for (const run of runs) {
    await inTransaction(db, async (tx) => {
      // The mark first: a second node counting the same run stops here (primary key) instead of adding twice.
      const marked = await tx
        .insertInto("statistics_counted_runs")
        .values({ run_id: run.id, counted_at: clock.now() })
        .onConflict((oc) => oc.column("run_id").doNothing())
        .executeTakeFirst();
      if (Number(marked.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await sql`
        insert into statistics_daily_events (day, event_type, events)
        select (time_source at time zone 'UTC')::date, classification_type, count(*)
        from feed_events where run_id = ${run.id}
        group by 1, 2
        on conflict (day, event_type) do update set events = statistics_daily_events.events + excluded.events`.execute(
        tx,
      );
    });
  }
  return runs.length;
}
