import type { Nis2View } from "../../../contract/intake.js";
import { type Nis2Deadline, isOverdue, nextNis2Deadline, nis2Deadlines } from "../../../contract/nis2-deadlines.js";
import type { Nis2StageRow } from "./conversation-store.js";
import type { ReportRow } from "./report-store.js";

function presentDeadline(d: Nis2Deadline, now: Date) {
  return {
    kind: d.kind,
    party: d.party,
    dueAt: d.dueAt?.toISOString() ?? null,
    metAt: d.metAt?.toISOString() ?? null,
    overdue: isOverdue(d, now),
  };
}

/**
 * The NIS2 stages and deadlines of a report, or null when NIS2 does not apply to it. Deadlines run
 * from the awareness time the reporter gave, else from when the report arrived.
 */
export function buildNis2View(
  report: Pick<
    ReportRow,
    "nis2_applies" | "nis2_aware_at" | "nis2_trust_service_provider" | "received_at" | "ongoing" | "acknowledged_at"
  >,
  stages: readonly Nis2StageRow[],
  firstCertMessageAt: Date | null,
  now: Date,
): Nis2View | null {
  if (!report.nis2_applies && stages.length === 0) return null;
  const awareAt = report.nis2_aware_at ?? stages.find((s) => s.aware_at)?.aware_at ?? report.received_at;
  const feedback = [report.acknowledged_at, firstCertMessageAt].filter((d): d is Date => d !== null);
  const deadlines = nis2Deadlines(
    stages.map((s) => ({ stage: s.stage, submittedAt: s.submitted_at, ongoing: s.ongoing })),
    awareAt,
    {
      trustServiceProvider: report.nis2_trust_service_provider ?? false,
      certFeedbackAt: feedback.length > 0 ? new Date(Math.min(...feedback.map((d) => d.getTime()))) : null,
      ongoing: report.ongoing,
    },
  );
  const next = nextNis2Deadline(deadlines);
  return {
    stages: stages.map((s) => ({ stage: s.stage, submittedAt: s.submitted_at.toISOString(), ongoing: s.ongoing })),
    deadlines: deadlines.map((d) => presentDeadline(d, now)),
    next: next ? presentDeadline(next, now) : null,
  };
}
