import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { insertIncidentEvent } from "./events-store.js";
import { selectIncidentById } from "./incident-store.js";

/** What the YARA scanner tells an incident: a rule matched one of its files. */
export interface YaraMatchOnIncident {
  incidentId: string;
  sha256: string;
  filename: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  /** The YARA rules inside the rule's source that matched. */
  identifiers: string[];
  /**
   * The linked report the file came with, or null for the incident's own file. An event naming a report
   * is shown only to who sees that report (platform/tlp.ts, eventVisibleSql).
   */
  report: string | null;
}

/**
 * Writes a YARA match as a system event on the incident's timeline (features/yara calls it, as the
 * system, in the transaction that records the notice); audited. Answers the event's id, or null when
 * the incident is gone.
 */
export async function recordYaraMatchOnIncident(
  ctx: ServiceContext,
  match: YaraMatchOnIncident,
): Promise<string | null> {
  const incident = await selectIncidentById(ctx.db, match.incidentId);
  if (!incident) return null;
  const now = ctx.clock.now();
  const data = {
    sha256: match.sha256,
    filename: match.filename,
    ruleId: match.ruleId,
    ruleName: match.ruleName,
    ruleVersion: match.ruleVersion,
    identifiers: match.identifiers,
    ...(match.report ? { report: match.report } : {}),
  };
  const eventId = await insertIncidentEvent(ctx.db, {
    incidentId: incident.id,
    kind: "yara_match",
    occurredAt: now,
    recordedAt: now,
    authorId: null,
    data,
  });
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "incident.yara_matched",
    target: { type: "incident", id: incident.reference },
    diff: { eventId, sha256: match.sha256, ruleId: match.ruleId, ruleVersion: match.ruleVersion },
    ip: ctx.ip ?? null,
  });
  return eventId;
}
