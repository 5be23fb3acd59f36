import type { IncidentStatus } from "../../../../contract/incidents.js";

/** The i18n key of the action that moves an incident from `from` to `to` ("Reopen", "Resolve …"). */
export function transitionLabelKey(from: IncidentStatus, to: IncidentStatus): string {
  if (to === "open")
    return from === "new"
      ? "incidents.transitions.open"
      : from === "stalled"
        ? "incidents.transitions.resume"
        : "incidents.transitions.reopen";
  return `incidents.transitions.${to}`;
}
