import type { IncidentStatus } from "../../../contract/incidents.js";
import { conflict } from "../../platform/errors.js";

// The incident life cycle (RTIR's): new → open ⇄ stalled → resolved | rejected, and reopen. A new
// incident may go straight to any state (a duplicate is rejected at once, a quick one resolved).
const ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ["open", "stalled", "resolved", "rejected"],
  open: ["stalled", "resolved", "rejected"],
  stalled: ["open", "resolved", "rejected"],
  resolved: ["open"],
  rejected: ["open"],
};

/** Whether an incident may move from `from` to `to` (staying put is not a transition). */
export function isAllowedTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses reachable from `from`, for the console's menu. */
export function nextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return ALLOWED[from];
}

/** Throws 409 `illegal_transition` naming both states when the move is not allowed. */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (isAllowedTransition(from, to)) return;
  const hint = ALLOWED[from].length > 0 ? ` (from ${from}: ${ALLOWED[from].join(", ")})` : "";
  throw conflict("illegal_transition", `An incident cannot go from ${from} to ${to}${hint}`);
}

/** Whether the status ends the work (the SLA no longer runs; KPIs resolved/rejected are set). */
export function isClosed(status: IncidentStatus): boolean {
  switch (status) {
    case "resolved":
    case "rejected":
      return true;
    case "new":
    case "open":
    case "stalled":
      return false;
  }
}
