import type { Selectable } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { ReportsTable } from "../../platform/db/tables/intake.js";
import { reportVisibleSql } from "../../platform/tlp.js";

// SQL for what an incident page shows of its linked reports. Every list goes through the TLP policy:
// a report also linked to a TLP:RED incident the viewer does not see stays hidden here too.

export type LinkedReportRow = Pick<
  Selectable<ReportsTable>,
  | "id"
  | "reference"
  | "summary"
  | "organisation_name"
  | "received_at"
  | "acknowledged_at"
  | "tlp"
  | "reporter_email"
  | "language"
  | "police_report_status"
  | "police_report_reference"
> & { linked_at: Date };

/** The linked reports the actor may see, oldest first. */
export async function selectVisibleLinkedReports(db: Db, actor: Actor, incidentId: string): Promise<LinkedReportRow[]> {
  return db
    .selectFrom("incident_reports as l")
    .innerJoin("reports as r", "r.id", "l.report_id")
    .select([
      "r.id",
      "r.reference",
      "r.summary",
      "r.organisation_name",
      "r.received_at",
      "r.acknowledged_at",
      "r.tlp",
      "r.reporter_email",
      "r.language",
      "r.police_report_status",
      "r.police_report_reference",
      "l.linked_at",
    ])
    .where("l.incident_id", "=", incidentId)
    .where(reportVisibleSql(actor, "r"))
    .orderBy("r.received_at")
    .orderBy("r.id")
    .execute();
}

export type ConsentRow = Pick<Selectable<ReportsTable>, "sharing_information" | "sharing_data" | "sharing_logs">;

/**
 * The sharing consent of EVERY linked report, visible to the viewer or not: what may be shared is
 * bound by the most restrictive reporter, and only the restriction (not the report) is revealed.
 */
export async function selectLinkedConsents(db: Db, incidentId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom("incident_reports as l")
    .innerJoin("reports as r", "r.id", "l.report_id")
    .select(["r.sharing_information", "r.sharing_data", "r.sharing_logs"])
    .where("l.incident_id", "=", incidentId)
    .execute();
}

/** When the CERT first wrote to a reporter of one of these reports, if it has. */
export async function selectFirstCertMessageAt(db: Db, reportIds: readonly string[]): Promise<Date | null> {
  if (reportIds.length === 0) return null;
  const row = await db
    .selectFrom("report_messages")
    .select((eb) => eb.fn.min("sent_at").as("at"))
    .where("report_id", "in", [...reportIds])
    .where("author", "=", "cert")
    .executeTakeFirst();
  return row?.at ?? null;
}
