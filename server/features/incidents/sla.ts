import type { IncidentStatus, Severity } from "../../../contract/incidents.js";

// The SLA clock of an incident: due a configured number of hours after creation, per severity.
// While stalled (waiting on others) the clock is paused: due_at is kept and sla_paused_at set; on
// leaving stalled, due_at moves on by the time spent paused. Pure functions; the caller stores the result.

const HOUR_MS = 3_600_000;

export interface SlaState {
  dueAt: Date | null;
  pausedAt: Date | null;
}

/** The due date of an incident of `severity` created at `from`. */
export function dueAtFor(severity: Severity, from: Date, hours: Record<Severity, number>): Date {
  return new Date(from.getTime() + hours[severity] * HOUR_MS);
}

/** The clock after a status change at `now`: entering stalled pauses it, leaving stalled resumes it. */
export function slaAfterStatusChange(state: SlaState, from: IncidentStatus, to: IncidentStatus, now: Date): SlaState {
  if (from === to) return state;
  if (to === "stalled") return { dueAt: state.dueAt, pausedAt: state.pausedAt ?? now };
  if (from === "stalled" && state.pausedAt) {
    const paused = Math.max(0, now.getTime() - state.pausedAt.getTime());
    return { dueAt: state.dueAt ? new Date(state.dueAt.getTime() + paused) : null, pausedAt: null };
  }
  return state;
}

/**
 * The clock after a severity change: the due date moves by the difference of the two SLAs, so time
 * already spent paused stays credited (and a paused clock stays paused).
 */
export function slaAfterSeverityChange(
  state: SlaState,
  from: Severity,
  to: Severity,
  hours: Record<Severity, number>,
): SlaState {
  if (from === to || !state.dueAt) return state;
  return { dueAt: new Date(state.dueAt.getTime() + (hours[to] - hours[from]) * HOUR_MS), pausedAt: state.pausedAt };
}

/** Whether an incident is past its due date: only while it is worked on and its clock runs. */
export function isOverdue(incident: { status: IncidentStatus; dueAt: Date | null }, now: Date): boolean {
  if (!incident.dueAt) return false;
  switch (incident.status) {
    case "new":
    case "open":
      return incident.dueAt.getTime() < now.getTime();
    case "stalled":
    case "resolved":
    case "rejected":
      return false;
  }
}

/** The IncidentClock view (dueAt, pausedAt, overdue) of a stored incident row; for detail and list. */
export function incidentClock(
  row: { status: IncidentStatus; due_at: Date | null; sla_paused_at: Date | null },
  now: Date,
): { dueAt: string | null; pausedAt: string | null; overdue: boolean } {
  return {
    dueAt: row.due_at?.toISOString() ?? null,
    pausedAt: row.sla_paused_at?.toISOString() ?? null,
    overdue: isOverdue({ status: row.status, dueAt: row.due_at }, now),
  };
}
