import { sql } from "kysely";
import type { UserActor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";
import {
  incidentRepliedAtSql,
  incidentUnreadSql,
  newReplyCutoff,
  reportHasNewReplySql,
  reportRepliedAtSql,
  reportUnreadSql,
} from "../../platform/unread.js";

/** The incidents with a reply after `cutoff` (on a thread or a linked report): the only ones that can be new. */
const recentlyAnsweredIncidents = (cutoff: Date) => sql`
  select incident_id from incident_messages where direction = 'in' and sent_at > ${cutoff}
  union select l.incident_id from incident_reports l join report_messages m on m.report_id = l.report_id
  where m.author = 'reporter' and m.sent_at > ${cutoff}`;

/**
 * Moves the actor's "last looked" on a case forward to `now`, if they may see it (TLP); answers the
 * previous time (null: never), or undefined when there is no such case for them.
 */
export async function upsertSeen(
  db: Db,
  actor: UserActor,
  kind: "report" | "incident",
  reference: string,
  now: Date,
): Promise<{ previous: Date | null } | undefined> {
  const target =
    kind === "report"
      ? sql`select c.id from reports c where c.reference = ${reference} and ${reportVisibleSql(actor, "c")}`
      : sql`select c.id from incidents c where c.reference = ${reference} and ${incidentVisibleSql(actor, "c")}`;
  const { rows } = await sql<{ previous: Date | null }>`
    with target as (${target}),
    earlier as (
      select s.seen_at from case_seen s join target t on t.id = s.case_id
      where s.user_id = ${actor.userId} and s.case_kind = ${kind})
    insert into case_seen (user_id, case_kind, case_id, seen_at)
    select ${actor.userId}, ${kind}, t.id, ${now} from target t
    on conflict (user_id, case_kind, case_id) do update set seen_at = greatest(case_seen.seen_at, excluded.seen_at)
    returning (select seen_at from earlier) as previous`.execute(db);
  return rows[0];
}

/** How many reports and incidents are new to the actor; only cases with recent replies (or new reports) are read. */
export async function countUnread(
  db: Db,
  actor: UserActor,
  now: Date,
): Promise<{ reports: number; incidents: number }> {
  const cutoff = newReplyCutoff(now);
  const { rows } = await sql<{ reports: number; incidents: number }>`
    select
      (select count(*) from reports r
        where r.id in (select id from reports where status = 'new'
                       union select report_id from report_messages where author = 'reporter' and sent_at > ${cutoff})
          and ${reportVisibleSql(actor, "r")} and ${reportUnreadSql(actor, "r", now)}) as reports,
      (select count(*) from incidents i
        where i.id in (${recentlyAnsweredIncidents(cutoff)})
          and ${incidentVisibleSql(actor, "i")} and ${incidentUnreadSql(actor, "i", now)}) as incidents`.execute(db);
  const row = rows[0];
  return { reports: Number(row?.reports ?? 0), incidents: Number(row?.incidents ?? 0) };
}

/**
 * What moves when the actor's lists change, all over what they may see: the newest report, how many
 * wait for acknowledgement, the latest incident edit and the latest message either way. Each a walk
 * down an index that stops at the first visible row.
 */
export async function selectChangeMarks(db: Db, actor: UserActor): Promise<string> {
  const { rows } = await sql<{ marks: string }>`
    select concat_ws('|',
      (select max(r.received_at) from reports r where ${reportVisibleSql(actor, "r")}),
      (select count(*) from reports r where r.status = 'new' and ${reportVisibleSql(actor, "r")}),
      (select max(i.updated_at) from incidents i where ${incidentVisibleSql(actor, "i")}),
      (select count(*) from incidents i where i.status in ('new', 'open', 'stalled') and ${incidentVisibleSql(actor, "i")}),
      (select max(m.sent_at) from report_messages m join reports r on r.id = m.report_id where ${reportVisibleSql(actor, "r")}),
      (select max(m.sent_at) from incident_messages m join incidents i on i.id = m.incident_id
        where ${incidentVisibleSql(actor, "i")})) as marks`.execute(db);
  return rows[0]?.marks ?? "";
}

export interface NewReplyRow {
  kind: "report" | "incident";
  reference: string;
  title: string | null;
  replied_at: Date;
}

/** Cases with a reply the actor has not looked at, the latest reply first. */
export async function selectNewReplies(db: Db, actor: UserActor, now: Date, limit: number): Promise<NewReplyRow[]> {
  const cutoff = newReplyCutoff(now);
  const { rows } = await sql<NewReplyRow>`
    select 'report' as kind, r.reference, r.summary as title, ${reportRepliedAtSql("r")} as replied_at
    from reports r
    where r.id in (select report_id from report_messages where author = 'reporter' and sent_at > ${cutoff})
      and ${reportVisibleSql(actor, "r")} and ${reportHasNewReplySql(actor, "r", now)}
    union all
    select 'incident' as kind, i.reference, i.title, ${incidentRepliedAtSql(actor, "i")} as replied_at
    from incidents i
    where i.id in (${recentlyAnsweredIncidents(cutoff)})
      and ${incidentVisibleSql(actor, "i")} and ${incidentUnreadSql(actor, "i", now)}
    order by replied_at desc, reference
    limit ${limit}`.execute(db);
  return rows;
}
