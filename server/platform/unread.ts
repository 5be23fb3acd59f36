import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Actor } from "./auth/actor.js";
import { reportVisibleSql } from "./tlp.js";

/**
 * "New since you looked", per staff user: the one rule, as SQL, for every list, badge, count and
 * dashboard block that shows it (like tlp.ts, it names case tables because each feature re-stating
 * it is how the badge and the list would come to disagree). `case_seen` (migration 0023) holds when
 * each user last opened each report and incident.
 *
 * - A *reply* is a reporter's message on a report (follow-up page or mail) or an inbound message in one of
 *   an incident's threads. An incident's replies include those on its linked reports — only the reports
 *   the viewer may see (TLP), so a badge never tells of a report hidden by a TLP:RED incident.
 * - A report is new to me when a reply came after I last opened it, or when it still waits for
 *   acknowledgement and I have never opened it. An incident is new to me when a reply came after I last
 *   opened it (one I never opened: any reply).
 * - Replies older than NEW_REPLY_DAYS are history, whoever missed them: the signal is for what happens
 *   now, and it keeps counts to the recent rows.
 */
export const NEW_REPLY_DAYS = 14;

/** Replies after this instant can still be new. */
export function newReplyCutoff(now: Date): Date {
  return new Date(now.getTime() - NEW_REPLY_DAYS * 86_400_000);
}

function ref(alias: string, column: string) {
  return sql.ref(`${alias}.${column}`);
}

/** SQL: the time of the latest reporter's message on the report under `alias`, or null. */
export function reportRepliedAtSql(alias: string): RawBuilder<Date | null> {
  return sql<Date | null>`(select max(um.sent_at) from report_messages um
    where um.report_id = ${ref(alias, "id")} and um.author = 'reporter')`;
}

/** SQL: the time of the latest reply on the incident under `alias` that the actor may see, or null. */
export function incidentRepliedAtSql(actor: Actor, alias: string): RawBuilder<Date | null> {
  return sql<Date | null>`greatest(
    (select max(ui.sent_at) from incident_messages ui where ui.incident_id = ${ref(alias, "id")} and ui.direction = 'in'),
    (select max(um.sent_at) from incident_reports ul
       join reports ur on ur.id = ul.report_id
       join report_messages um on um.report_id = ur.id and um.author = 'reporter'
     where ul.incident_id = ${ref(alias, "id")} and ${reportVisibleSql(actor, "ur")}))`;
}

/** SQL: when the actor last opened the case under `alias`, or null. */
export function seenAtSql(actor: Actor, kind: "report" | "incident", alias: string): RawBuilder<Date | null> {
  if (actor.kind !== "user") return sql<Date | null>`null::timestamptz`;
  return sql<Date | null>`(select us.seen_at from case_seen us
    where us.user_id = ${actor.userId} and us.case_kind = ${kind} and us.case_id = ${ref(alias, "id")})`;
}

/** SQL condition: the report under `alias` has a reply the actor has not looked at; never NULL. */
export function reportHasNewReplySql(actor: Actor, alias: string, now: Date): RawBuilder<SqlBool> {
  if (actor.kind !== "user") return sql<SqlBool>`false`;
  const seen = seenAtSql(actor, "report", alias);
  return sql<SqlBool>`coalesce(${reportRepliedAtSql(alias)} > greatest(${seen}, ${newReplyCutoff(now)}::timestamptz), false)`;
}

/** SQL condition: the report under `alias` is new to the actor (a new reply, or waiting and never opened); never NULL. */
export function reportUnreadSql(actor: Actor, alias: string, now: Date): RawBuilder<SqlBool> {
  if (actor.kind !== "user") return sql<SqlBool>`false`;
  return sql<SqlBool>`(${reportHasNewReplySql(actor, alias, now)}
    or (${ref(alias, "status")} = 'new' and ${seenAtSql(actor, "report", alias)} is null))`;
}

/** SQL condition: the incident under `alias` has a reply the actor may see and has not looked at; never NULL. */
export function incidentUnreadSql(actor: Actor, alias: string, now: Date): RawBuilder<SqlBool> {
  if (actor.kind !== "user") return sql<SqlBool>`false`;
  const seen = seenAtSql(actor, "incident", alias);
  return sql<SqlBool>`coalesce(${incidentRepliedAtSql(actor, alias)} > greatest(${seen}, ${newReplyCutoff(now)}::timestamptz), false)`;
}
