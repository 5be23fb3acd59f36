import { nis2Deadlines } from "../../../contract/nis2-deadlines.js";
import type { Clock } from "../../platform/clock.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { countFinishedRuns } from "./events-rollup.js";
import {
  type CaseFact,
  type IncidentHistoryRow,
  type ReportHistoryRow,
  type StageRow,
  selectChangedCases,
  selectIncidentAttributes,
  selectIncidentHistory,
  selectNis2Stages,
  selectReportHistory,
  selectWatermark,
  updateWatermark,
  upsertFacts,
} from "./facts-store.js";

const BATCH = 2_000;

const seconds = (from: Date, to: Date | null): number | null =>
  to === null ? null : Math.max(0, (to.getTime() - from.getTime()) / 1000);

function earliest(...dates: (Date | null)[]): Date | null {
  const known = dates.filter((d): d is Date => d !== null);
  return known.length === 0 ? null : new Date(Math.min(...known.map((d) => d.getTime())));
}

/**
 * An incident's facts from its history. Its clock starts at its first report (else its opening);
 * opening it acknowledges; the first response is the CERT's first mail out or reply on a linked report;
 * containment is the latest time entered for it; resolution the latest status move, if it is to
 * `resolved`. Attributes are the latest edit's value, or the column when it was never edited.
 */
export function incidentFact(row: IncidentHistoryRow): CaseFact {
  const start = earliest(row.first_report_at, row.opened_at) ?? row.opened_at;
  const contained = row.contained_changed ? (row.contained_to ? new Date(row.contained_to) : null) : null;
  const resolved = row.last_status_to === "resolved" ? row.last_status_at : null;
  const classification = row.class_changed ? (row.class_history?.class ?? null) : row.rsit_class;
  return {
    caseId: row.id,
    kind: "incident",
    startedAt: start,
    channel: null,
    severity: row.severity_history ?? row.severity,
    rsitClass: classification,
    rsitVersion: classification === null ? null : row.rsit_version,
    sectors: row.sectors_changed ? (row.sectors_history ?? []) : row.sectors,
    nis2: row.nis2,
    ackSeconds: seconds(start, earliest(row.first_report_ack_at, row.opened_at)),
    firstResponseSeconds: seconds(start, earliest(row.first_message_at, row.first_report_reply_at)),
    containmentSeconds: seconds(start, contained),
    resolutionSeconds: seconds(start, resolved),
    nis2Deadlines: [],
  };
}

type IncidentAttributes = Awaited<ReturnType<typeof selectIncidentAttributes>>[number];

/**
 * A report's facts: acknowledged when the audit trail first says so or when first linked, its first
 * answer, and the NIS2 deadlines from the stages its entity submitted (due and met times; whether one is
 * late is decided when counted, since an unmet deadline becomes late by the clock alone).
 */
export function reportFact(
  row: ReportHistoryRow,
  stages: readonly StageRow[],
  incident?: IncidentAttributes,
): CaseFact {
  const ack = earliest(row.first_ack_at, row.first_linked_at);
  const nis2 = row.nis2_applies === true || stages.length > 0;
  const awareAt = row.nis2_aware_at ?? stages.find((s) => s.aware_at)?.aware_at ?? row.received_at;
  const deadlines = nis2
    ? nis2Deadlines(
        stages.map((s) => ({ stage: s.stage, submittedAt: s.submitted_at, ongoing: s.ongoing })),
        awareAt,
        {
          trustServiceProvider: row.nis2_trust_service_provider ?? false,
          certFeedbackAt: earliest(ack, row.first_reply_at),
          ongoing: row.ongoing,
        },
      )
    : [];
  return {
    caseId: row.id,
    kind: "report",
    startedAt: row.received_at,
    channel: row.channel,
    severity: incident?.severity ?? null,
    rsitClass: incident?.rsit_class ?? null,
    rsitVersion: incident?.rsit_version ?? null,
    sectors: row.organisation_sector ? [row.organisation_sector] : (incident?.sectors ?? []),
    nis2,
    ackSeconds: seconds(row.received_at, ack),
    firstResponseSeconds: seconds(row.received_at, row.first_reply_at),
    containmentSeconds: null,
    resolutionSeconds: null,
    nis2Deadlines: deadlines.map((d) => ({
      kind: d.kind,
      party: d.party,
      dueAt: d.dueAt?.toISOString() ?? null,
      metAt: d.metAt?.toISOString() ?? null,
    })),
  };
}

/** Rewrites the facts of the named incidents, then of the named reports (which read their incident's). */
export async function refreshCases(
  db: Db,
  now: Date,
  cases: { incidents: readonly string[]; reports: readonly string[] },
): Promise<void> {
  const incidents = await selectIncidentHistory(db, cases.incidents);
  await upsertFacts(db, incidents.map(incidentFact), now);
  const reports = await selectReportHistory(db, cases.reports);
  const stages = await selectNis2Stages(
    db,
    reports.map((r) => r.id),
  );
  const incidentIds = [...new Set(reports.map((r) => r.incident_id).filter((id): id is string => id !== null))];
  const attributes = new Map((await selectIncidentAttributes(db, incidentIds)).map((a) => [a.case_id, a]));
  const facts = reports.map((r) =>
    reportFact(
      r,
      stages.filter((s) => s.report_id === r.id),
      r.incident_id ? attributes.get(r.incident_id) : undefined,
    ),
  );
  await upsertFacts(db, facts, now);
}

/**
 * One pass: reads the audit trail since the watermark in batches, rewrites the facts of every case it
 * names, moves the watermark (in the same transaction, so a crash repeats a batch, never skips one);
 * then counts finished feed runs. On a fresh database the first pass catches up on all history.
 * Answers how many audit entries were read.
 */
export async function refreshStatistics(db: Db, clock: Clock): Promise<number> {
  let read = 0;
  for (;;) {
    const moved = await inTransaction(db, async (tx) => {
      const from = await selectWatermark(tx);
      const changed = await selectChangedCases(tx, from, BATCH);
      if (changed.lastId === from) return 0;
      await refreshCases(tx, clock.now(), changed);
      await updateWatermark(tx, changed.lastId);
      return changed.lastId - from;
    });
    if (moved === 0) break;
    read += moved;
  }
  await countFinishedRuns(db, clock);
  return read;
}

/** The worker's statistics pass: now (catching up on start), then every minute. */
export function startStatisticsRefresh(deps: { db: Db; clock: Clock; logger: Logger }): Periodic {
  return startPeriodic({
    what: "statistics refresh",
    logger: deps.logger,
    intervalMs: 60_000,
    pass: async () => {
      const read = await refreshStatistics(deps.db, deps.clock);
      if (read > 0) deps.logger.debug({ read }, "statistics refreshed");
    },
  });
}
