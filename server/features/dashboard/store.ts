import { sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { Severity } from "../../platform/db/tables/incidents.js";
import type { ReportChannel, TlpLabel } from "../../platform/db/tables/intake.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";

export interface WaitingReportRow {
  reference: string;
  status: "new";
  channel: ReportChannel;
  received_at: Date;
  summary: string | null;
  organisation_name: string | null;
  organisation_sector: string | null;
  tlp: TlpLabel;
  nis2_applies: boolean | null;
}

/** New reports the actor may see: NIS2 reports first (their clock is 15 minutes), then the oldest (longest waiting). */
export async function selectWaitingReports(db: Db, actor: Actor, limit: number): Promise<WaitingReportRow[]> {
  return db
    .selectFrom("reports as r")
    .select([
      "r.reference",
      sql<"new">`'new'`.as("status"),
      "r.channel",
      "r.received_at",
      "r.summary",
      "r.organisation_name",
      "r.organisation_sector",
      "r.tlp",
      "r.nis2_applies",
    ])
    .where("r.status", "=", "new")
    .where(reportVisibleSql(actor, "r"))
    .orderBy(sql`coalesce(r.nis2_applies, false)`, "desc")
    .orderBy("r.received_at", "asc")
    .orderBy("r.id", "asc")
    .limit(limit)
    .execute();
}

export interface DashboardCounts {
  day: string;
  waiting_reports: number;
  overdue_incidents: number;
  reports_received: number;
  incidents_opened: number;
  incidents_resolved: number;
}

/**
 * Today's numbers in `timeZone` (today = the local calendar day containing `now`, so a day across a
 * DST change is 23 or 25 hours), each counted over what the actor may see.
 */
export async function selectCounts(db: Db, actor: Actor, now: Date, timeZone: string): Promise<DashboardCounts> {
  const { rows } = await sql<DashboardCounts>`
    with day as (
      select date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) as local_start
    ), bounds as (
      select to_char(local_start, 'YYYY-MM-DD') as day,
        local_start at time zone ${timeZone} as start,
        (local_start + interval '1 day') at time zone ${timeZone} as stop
      from day
    )
    select b.day,
      (select count(*) from reports r where r.status = 'new' and ${reportVisibleSql(actor, "r")}) as waiting_reports,
      (select count(*) from incidents i where i.status in ('new', 'open') and i.due_at < ${now}
        and ${incidentVisibleSql(actor, "i")}) as overdue_incidents,
      (select count(*) from reports r where r.received_at >= b.start and r.received_at < b.stop
        and ${reportVisibleSql(actor, "r")}) as reports_received,
      (select count(*) from incidents i where i.created_at >= b.start and i.created_at < b.stop
        and ${incidentVisibleSql(actor, "i")}) as incidents_opened,
      (select count(*) from incidents i where i.status = 'resolved' and i.resolved_at >= b.start
        and i.resolved_at < b.stop and ${incidentVisibleSql(actor, "i")}) as incidents_resolved
    from bounds b`.execute(db);
  const row = rows[0];
  if (!row) throw new Error("dashboard counts gave no row");
  return row;
}

/** Incidents new, open or stalled that the actor may see, by severity. */
export async function selectOpenBySeverity(db: Db, actor: Actor): Promise<Map<Severity, number>> {
  const rows = await db
    .selectFrom("incidents as i")
    .select(["i.severity", (eb) => eb.fn.countAll<number>().as("n")])
    .where("i.status", "in", ["new", "open", "stalled"])
    .where(incidentVisibleSql(actor, "i"))
    .groupBy("i.severity")
    .execute();
  return new Map(rows.map((r) => [r.severity, Number(r.n)]));
}
