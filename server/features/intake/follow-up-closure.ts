import type { FollowUpClosure } from "../../../contract/intake.js";
import type { MessageRow } from "./conversation-store.js";
import type { LinkedClosureRow } from "./follow-up-store.js";

/**
 * Whether the CERT has finished with a report, as its reporter sees it: every incident it is linked to
 * is resolved or rejected (a report in no incident is not closed — it may still be taken on). The closing
 * message is the CERT's last message sent since the last incident closed: the console offers the
 * closing advice template right after resolving, so that is where it lands.
 */
export function followUpClosure(links: LinkedClosureRow, messages: readonly MessageRow[]): FollowUpClosure | null {
  if (!allIncidentsClosed(links) || links.closed_at === null) return null;
  const since = links.closed_at.getTime();
  const closing = messages.filter((m) => m.author === "cert" && m.sent_at.getTime() >= since).at(-1);
  return {
    at: links.closed_at.toISOString(),
    outcome: links.resolved > 0 ? "resolved" : "rejected",
    message: closing?.body ?? null,
  };
}

/** Linked to at least one incident, and every one of them resolved or rejected. */
export function allIncidentsClosed(links: LinkedClosureRow): boolean {
  return links.linked > 0 && links.closed === links.linked;
}
