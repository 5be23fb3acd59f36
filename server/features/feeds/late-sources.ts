import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

/** A source that should have delivered by now (its `expectedEveryHours` passed without a finished run). */
export interface LateFeedSource {
  name: string;
  expectedEveryHours: number;
  /** When its last run finished well; null: never (the source is older than its period). */
  lastSuccessAt: Date | null;
}

/**
 * The enabled sources whose expected delivery is missed: no run finished well within their period, and
 * the source itself older than that (a new source is not late yet). The duty loop pages on these (the
 * missed daily feed of the dead-man's switch); one index probe per source with a period.
 */
export async function lateFeedSources(db: Db, now: Date): Promise<LateFeedSource[]> {
  const rows = await sql<{ name: string; expected_every_hours: number; last_success_at: Date | string | null }>`
    select s.name, s.expected_every_hours,
           (select max(r.finished_at) from feed_runs r where r.source_id = s.id and r.status = 'done') as last_success_at
    from feed_sources s
    where s.enabled and s.expected_every_hours is not null
      and s.created_at < ${now}::timestamptz - make_interval(hours => s.expected_every_hours)
      and not exists (select 1 from feed_runs r where r.source_id = s.id and r.status = 'done'
                        and r.finished_at > ${now}::timestamptz - make_interval(hours => s.expected_every_hours))
    order by s.name`.execute(db);
  return rows.rows.map((r) => ({
    name: r.name,
    expectedEveryHours: r.expected_every_hours,
    lastSuccessAt: r.last_success_at === null ? null : new Date(r.last_success_at),
  }));
}
