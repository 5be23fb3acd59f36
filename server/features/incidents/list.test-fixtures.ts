import { randomBytes } from "node:crypto";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentStatus, Severity } from "../../platform/db/tables/incidents.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";

// Incidents, notes, members, links and messages written straight into the tables, so the list, search
// and dashboard tests do not depend on the create/link/note endpoints (another feature's to test).

export interface IncidentFixture {
  title?: string;
  status?: IncidentStatus;
  severity?: Severity;
  tlp?: TlpLabel;
  assigneeId?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  dueAt?: Date | null;
  pausedAt?: Date | null;
  resolvedAt?: Date | null;
  rsitClass?: string;
  rsitType?: string;
  sectors?: string[];
}

/** An incident with a unique reference (FYR-INC-2099-…); defaults: new, medium, TLP:AMBER, unassigned. */
export async function insertIncident(db: Db, f: IncidentFixture = {}): Promise<{ id: string; reference: string }> {
  // A year no real incident has yet, so tests can look references up by a part ("2099-…").
  const reference = `FYR-INC-2099-${randomBytes(5).toString("hex").toUpperCase()}`;
  const createdAt = f.createdAt ?? new Date();
  return db
    .insertInto("incidents")
    .values({
      reference,
      title: f.title ?? `Incident ${reference}`,
      status: f.status ?? "new",
      severity: f.severity ?? "medium",
      tlp: f.tlp ?? "TLP:AMBER",
      assignee_id: f.assigneeId ?? null,
      rsit_class: f.rsitClass ?? null,
      rsit_type: f.rsitType ?? null,
      rsit_version: f.rsitClass ? 1 : null,
      sectors: f.sectors ?? [],
      due_at: f.dueAt ?? null,
      sla_paused_at: f.pausedAt ?? null,
      resolved_at: f.resolvedAt ?? null,
      created_at: createdAt,
      updated_at: f.updatedAt ?? createdAt,
    })
    .returning(["id", "reference"])
    .executeTakeFirstOrThrow();
}

/** Adds an explicit member (who then sees the incident even at TLP:RED). */
export async function addMember(db: Db, incidentId: string, userId: string): Promise<void> {
  await db
    .insertInto("incident_members")
    .values({ incident_id: incidentId, user_id: userId, added_at: new Date() })
    .execute();
}

/** A note on the timeline. */
export async function addNote(db: Db, incidentId: string, body: string, occurredAt = new Date()): Promise<string> {
  const row = await db
    .insertInto("incident_events")
    .values({ incident_id: incidentId, kind: "note", occurred_at: occurredAt, recorded_at: occurredAt, body })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Links a report (by reference) to an incident. */
export async function linkReport(db: Db, incidentId: string, reportReference: string): Promise<void> {
  const report = await db
    .selectFrom("reports")
    .select("id")
    .where("reference", "=", reportReference)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("incident_reports")
    .values({ incident_id: incidentId, report_id: report.id, linked_at: new Date() })
    .execute();
}

/** A message in a third-party thread of the incident (the thread made on the way). */
export async function addIncidentMessage(
  db: Db,
  incidentId: string,
  message: { subject: string; body: string; sentAt?: Date },
): Promise<string> {
  const thread = await db
    .insertInto("incident_threads")
    .values({ incident_id: incidentId, counterpart: "ISP", addresses: ["abuse@isp.example"], created_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto("incident_messages")
    .values({
      incident_id: incidentId,
      thread_id: thread.id,
      direction: "in",
      from_address: "abuse@isp.example",
      subject: message.subject,
      body: message.body,
      sent_at: message.sentAt ?? new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A message from the reporter in a report's conversation. */
export async function addReporterMessage(db: Db, reportReference: string, body: string): Promise<void> {
  const report = await db
    .selectFrom("reports")
    .select("id")
    .where("reference", "=", reportReference)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("report_messages")
    .values({ report_id: report.id, author: "reporter", body, via: "web", sent_at: new Date() })
    .execute();
}
