import { randomBytes } from "node:crypto";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentEventKind } from "../../platform/db/tables/incidents.js";
import type { ReportChannel } from "../../platform/db/tables/intake.js";

// Histories written straight into the tables (with the audit entries that name them, which is how the
// statistics pass finds what changed), so a test can make the history and the current fields disagree.

const at = (iso: string) => ({ now: () => new Date(iso) });
const hex = () => randomBytes(5).toString("hex").toUpperCase();

/** An audit entry naming a case, at a given time. */
export async function audit(db: Db, when: string, action: string, target: { type: string; id: string }, diff = {}) {
  await appendAudit(db, at(when), { actor: systemActor("test"), action, target, diff, ip: null });
}

export interface ReportSeed {
  receivedAt: string;
  channel?: ReportChannel;
  sector?: string | null;
  nis2?: { awareAt: string } | null;
  /** What the current field says (the history may say otherwise). */
  acknowledgedAt?: string | null;
}

export async function seedReport(db: Db, r: ReportSeed): Promise<{ id: string; reference: string }> {
  const reference = `FYR-2099-${hex()}`;
  const row = await db
    .insertInto("reports")
    .values({
      reference,
      channel: r.channel ?? "web",
      what_happened: "Intrång",
      follow_up_token_hash: randomBytes(16).toString("hex"),
      received_at: new Date(r.receivedAt),
      organisation_sector: r.sector ?? null,
      nis2_applies: r.nis2 ? true : null,
      nis2_aware_at: r.nis2 ? new Date(r.nis2.awareAt) : null,
      acknowledged_at: r.acknowledgedAt ? new Date(r.acknowledgedAt) : null,
      status: r.acknowledgedAt ? "acknowledged" : "new",
    })
    .returning(["id", "reference"])
    .executeTakeFirstOrThrow();
  await audit(db, r.receivedAt, "report.received", { type: "report", id: reference });
  return row;
}

export async function seedStage(db: Db, reportId: string, stage: "early-warning" | "notification", when: string) {
  await db
    .insertInto("report_nis2_stages")
    .values({ report_id: reportId, stage, submitted_at: new Date(when) })
    .execute();
}

/** A timeline entry and the audit entry that goes with it. */
export async function seedEvent(
  db: Db,
  incident: { id: string; reference: string },
  kind: IncidentEventKind,
  when: string,
  data: Record<string, unknown>,
) {
  await db
    .insertInto("incident_events")
    .values({
      incident_id: incident.id,
      kind,
      occurred_at: new Date(when),
      recorded_at: new Date(when),
      author_id: null,
      body: null,
      data: JSON.stringify(data),
    })
    .execute();
  await audit(db, when, `incident.${kind}`, { type: "incident", id: incident.reference }, data);
}

export interface IncidentSeed {
  createdAt: string;
  /** Current fields (the history may say otherwise). */
  severity?: "critical" | "high" | "medium" | "low";
  rsitClass?: string | null;
  rsitVersion?: number | null;
  sectors?: string[];
  tlp?: "TLP:AMBER" | "TLP:RED";
  status?: "new" | "open" | "resolved";
  containedAt?: string | null;
  resolvedAt?: string | null;
}

/** An incident whose `created` event says it was opened with `severity` (default its current one). */
export async function seedIncident(db: Db, i: IncidentSeed, createdSeverity?: string) {
  const reference = `FYR-INC-2099-${hex()}`;
  const row = await db
    .insertInto("incidents")
    .values({
      reference,
      title: "Statistikfall",
      status: i.status ?? "open",
      severity: i.severity ?? "medium",
      tlp: i.tlp ?? "TLP:AMBER",
      rsit_class: i.rsitClass ?? null,
      rsit_type: i.rsitClass ? "other" : null,
      rsit_version: i.rsitVersion ?? (i.rsitClass ? 1003 : null),
      sectors: i.sectors ?? [],
      contained_at: i.containedAt ? new Date(i.containedAt) : null,
      resolved_at: i.resolvedAt ? new Date(i.resolvedAt) : null,
      created_at: new Date(i.createdAt),
      updated_at: new Date(i.createdAt),
    })
    .returning(["id", "reference"])
    .executeTakeFirstOrThrow();
  await seedEvent(db, row, "created", i.createdAt, { severity: createdSeverity ?? i.severity ?? "medium" });
  return row;
}

/** Links a report now (the link row) as the timeline says it was linked then. */
export async function seedLink(
  db: Db,
  incident: { id: string; reference: string },
  report: { id: string; reference: string },
  when: string,
) {
  await db
    .insertInto("incident_reports")
    .values({ incident_id: incident.id, report_id: report.id, linked_at: new Date(when), linked_by: null })
    .execute();
  await seedEvent(db, incident, "report_linked", when, { report: report.reference });
}

/** A finished feed run of `count` events of a type on a day. */
export async function seedFeedRun(
  db: Db,
  type: string,
  day: string,
  count: number,
  status: "done" | "running" = "done",
) {
  const source = await db
    .insertInto("feed_sources")
    .values({ name: `stats-${hex().toLowerCase()}`, format: "intelmq" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const run = await db
    .insertInto("feed_runs")
    .values({ source_id: source.id, file_name: "x.json", received_via: "cli", status })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("feed_events")
    .values(
      Array.from({ length: count }, (_, n) => ({
        time_source: new Date(`${day}T0${n % 10}:00:00Z`),
        run_id: run.id,
        source_id: source.id,
        classification_taxonomy: "vulnerable",
        classification_type: type,
        fields: JSON.stringify({}),
      })),
    )
    .execute();
  return run.id;
}
