import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

/**
 * Compromised systems, by the IntelMQ taxonomy: the intrusions class, and infected or compromised
 * systems however a feed spells them (Shadowserver's compromised-host and sinkhole reports map here).
 */
export const CRITICAL_TAXONOMIES = ["intrusions"] as const;
export const CRITICAL_TYPES = [
  "system-compromise",
  "application-compromise",
  "compromised",
  "infected-system",
] as const;

/** Compromised systems one run found at one essential entity. */
export interface CriticalFinding {
  runId: string;
  organisation: { id: string; name: string };
  events: number;
}

/**
 * What the duty officers must be woken for (issue 18's critical-feed trigger): per run finished since
 * `since`, the events of compromised systems at organisations that are essential entities under NIS2.
 * The duty loop raises one escalation per run and organisation.
 */
export async function criticalFeedFindings(db: Db, since: Date): Promise<CriticalFinding[]> {
  const rows = await sql<{ run_id: string; organisation_id: string; name: string; events: string | number }>`
    select e.run_id, o.id as organisation_id, o.name, count(*) as events
    from feed_runs r
    join feed_events e on e.run_id = r.id
    join organisations o on o.id = e.organisation_id
    where r.status = 'done' and r.finished_at >= ${since}
      and o.nis2_entity = 'essential'
      and (e.classification_taxonomy = any(${sql.val([...CRITICAL_TAXONOMIES])}::text[])
           or e.classification_type = any(${sql.val([...CRITICAL_TYPES])}::text[]))
    group by e.run_id, o.id, o.name
    order by o.name`.execute(db);
  return rows.rows.map((r) => ({
    runId: r.run_id,
    organisation: { id: r.organisation_id, name: r.name },
    events: Number(r.events),
  }));
}
