import { sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { eventVisibleSql, reportVisibleSql } from "../../platform/tlp.js";

// SQL for an incident's timeline: its own events and the conversation of its linked reports (the
// reporter's thread stays on the report, so the reporter keeps one follow-up page), in one stream
// ordered by (occurred_at, recorded_at, id), read in keyset pages, oldest first.

export interface TimelineRow {
  id: string;
  kind: string;
  occurred_at: Date;
  recorded_at: Date;
  author_name: string | null;
  body: string | null;
  data: Record<string, unknown>;
}

export interface TimelineKey {
  occurredAt: Date;
  recordedAt: Date;
  id: string;
}

/**
 * One page of the timeline after `after`, through the TLP policy: events naming a report, and the
 * reporters' messages, only of reports the actor may see (a report also linked to a TLP:RED incident
 * hidden from them leaves no trace here).
 */
export async function selectTimeline(
  db: Db,
  actor: Actor,
  incidentId: string,
  after: TimelineKey | null,
  limit: number,
): Promise<TimelineRow[]> {
  const keyset = after
    ? sql`where (t.occurred_at, t.recorded_at, t.id) > (${after.occurredAt}, ${after.recordedAt}, ${after.id}::uuid)`
    : sql``;
  const result = await sql<TimelineRow>`
    select t.id::text as id, t.kind, t.occurred_at, t.recorded_at, u.name as author_name, t.body, t.data
    from (
      select e.id, e.kind, e.occurred_at, e.recorded_at, e.author_id, e.body, e.data
      from incident_events e
      where e.incident_id = ${incidentId} and ${eventVisibleSql(actor, "e")}
      union all
      select m.id,
             case m.author when 'reporter' then 'reporter_message' else 'cert_message' end,
             m.sent_at, m.sent_at, m.author_user_id, m.body,
             jsonb_build_object('report', r.reference, 'via', m.via, 'nis2Stage', m.nis2_stage)
      from incident_reports l
      join reports r on r.id = l.report_id
      join report_messages m on m.report_id = r.id
      where l.incident_id = ${incidentId} and ${reportVisibleSql(actor, "r")}
        -- Written or taken through this incident's correspondence: its message event already shows it.
        and not exists (select 1 from incident_events x
                        where x.incident_id = ${incidentId} and x.data->>'reportMessageId' = m.id::text)
    ) t
    left join users u on u.id = t.author_id
    ${keyset}
    order by t.occurred_at, t.recorded_at, t.id
    limit ${limit}`.execute(db);
  return result.rows;
}
