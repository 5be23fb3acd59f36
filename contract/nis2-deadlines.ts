import type { Nis2Stage, YesNoUnknown } from "./intake.js";

// NIS2 (Directive (EU) 2022/2555) art. 23: the reporting deadlines of an essential or important
// entity after a significant incident, and the CSIRT's own duty to answer. Pure: no clock, no I/O.

const HOUR = 3_600_000;

export type Nis2DeadlineKind = "early-warning" | "cert-initial-feedback" | "notification" | "progress" | "final";

export interface Nis2StageRecord {
  stage: Nis2Stage;
  submittedAt: Date;
  /** What the reporter said in that report: is the incident still going on? */
  ongoing?: YesNoUnknown | null;
}

export interface Nis2Deadline {
  kind: Nis2DeadlineKind;
  party: "reporter" | "cert";
  /** Null while it cannot be known yet. */
  dueAt: Date | null;
  metAt: Date | null;
}

export interface Nis2DeadlineOptions {
  /** Art. 23(4)(b), last subparagraph: trust service providers notify within 24 h, not 72 h. */
  trustServiceProvider: boolean;
  /** When the CERT first answered (acknowledged or wrote); meets its initial-feedback deadline. */
  certFeedbackAt?: Date | null;
  /** The report's own answer to "is it still ongoing?", used until a stage says otherwise. */
  ongoing?: YesNoUnknown | null;
}

/** The same day and time one calendar month later (UTC), or the month's last day if it is shorter. */
export function addOneMonth(at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(at.getTime());
  result.setUTCDate(1);
  result.setUTCMonth(month);
  result.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return result;
}

const plusHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);

/**
 * The deadlines of a NIS2 incident, given the reports submitted so far and when the entity became
 * aware of it: early warning 24 h after awareness (art. 23(4)(a)); the CERT's initial feedback 24 h
 * after the early warning (art. 23(5)); incident notification 72 h after awareness, 24 h for trust
 * service providers (art. 23(4)(b)); final report one month after the notification (art. 23(4)(d)),
 * or — if the incident is still ongoing then — a progress report at that time and the final report one
 * month after the incident has been handled (art. 23(4)(e)). Intermediate reports come on the
 * CERT's request (art. 23(4)(c)) and have no deadline of their own.
 */
export function nis2Deadlines(
  stages: readonly Nis2StageRecord[],
  awareAt: Date,
  options: Nis2DeadlineOptions,
): Nis2Deadline[] {
  const sorted = [...stages].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const first = (...kinds: Nis2Stage[]) => sorted.find((s) => kinds.includes(s.stage))?.submittedAt ?? null;

  // Any first report counts as the early warning: a notification may carry it (art. 23(4)(b)).
  const earlyWarningAt = sorted[0]?.submittedAt ?? null;
  const notificationAt = first("notification", "final");
  const progressAt = first("progress");
  const finalAt = first("final");
  const lastSaid = [...sorted].reverse().find((s) => s.ongoing != null)?.ongoing ?? options.ongoing ?? null;

  const deadlines: Nis2Deadline[] = [
    { kind: "early-warning", party: "reporter", dueAt: plusHours(awareAt, 24), metAt: earlyWarningAt },
    {
      kind: "cert-initial-feedback",
      party: "cert",
      dueAt: earlyWarningAt ? plusHours(earlyWarningAt, 24) : null,
      metAt: options.certFeedbackAt ?? null,
    },
    {
      kind: "notification",
      party: "reporter",
      dueAt: plusHours(awareAt, options.trustServiceProvider ? 24 : 72),
      metAt: notificationAt,
    },
  ];

  const finalFromNotification = notificationAt ? addOneMonth(notificationAt) : null;
  const stillOngoing = progressAt !== null || (lastSaid === "yes" && finalAt === null);
  if (!stillOngoing) {
    deadlines.push({ kind: "final", party: "reporter", dueAt: finalFromNotification, metAt: finalAt });
    return deadlines;
  }
  // Handled: the first report after the notification (or progress report) saying it is no longer ongoing.
  const since = (progressAt ?? notificationAt)?.getTime() ?? Number.POSITIVE_INFINITY;
  const handledAt = sorted.find((s) => s.submittedAt.getTime() >= since && s.ongoing === "no")?.submittedAt ?? null;
  deadlines.push(
    { kind: "progress", party: "reporter", dueAt: finalFromNotification, metAt: progressAt },
    { kind: "final", party: "reporter", dueAt: handledAt ? addOneMonth(handledAt) : null, metAt: finalAt },
  );
  return deadlines;
}

/** The reporter's next report due: the first of their deadlines not yet met. */
export function nextNis2Deadline(deadlines: readonly Nis2Deadline[]): Nis2Deadline | null {
  return deadlines.find((d) => d.party === "reporter" && d.metAt === null) ?? null;
}

/** Whether a deadline has passed unmet at `now` (met late counts as overdue too). */
export function isOverdue(deadline: Nis2Deadline, now: Date): boolean {
  if (deadline.dueAt === null) return false;
  const due = deadline.dueAt.getTime();
  return deadline.metAt ? deadline.metAt.getTime() > due : now.getTime() > due;
}
