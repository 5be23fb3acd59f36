import { type RawBuilder, type SqlBool, sql } from "kysely";
import { CASE_READER_ROLES, CASE_WORKER_ROLES } from "../../contract/roles.js";
import { type Actor, actorHolds, hasRole } from "./auth/actor.js";
import type { TlpLabel } from "./db/tables/intake.js";

/**
 * The one module that decides who sees what under TLP. Every read path that returns incidents, reports,
 * notes, messages, search hits or counts filters through these functions — the SQL forms for lists and
 * counts, the plain forms for a single object already loaded — so the rule is written exactly once.
 *
 * The rule: staff readers (admin, duty, analyst, observer) see incidents and reports, except that a
 * TLP:RED incident is seen only by its assignee, its explicit members and admins; and a report linked to
 * a TLP:RED incident is seen only by those who see that incident (RED is for named recipients only,
 * FIRST TLP 2.0). An unlinked report is seen by every staff reader, whatever its TLP: triage must see it.
 * What belongs to a case follows the case: an incident's timeline event that names a report (linked,
 * unlinked, a message to or from its reporter) is seen only by those who see that report.
 */

/** TLP labels from least to most restrictive (FIRST TLP 2.0). */
export const TLP_ORDER: readonly TlpLabel[] = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

/** How restrictive a label is: higher is stricter. */
export function tlpRank(label: TlpLabel): number {
  return TLP_ORDER.indexOf(label);
}

/** The most restrictive of the labels, or null for none. */
export function strictestTlp(labels: readonly TlpLabel[]): TlpLabel | null {
  let strictest: TlpLabel | null = null;
  for (const label of labels) if (strictest === null || tlpRank(label) > tlpRank(strictest)) strictest = label;
  return strictest;
}

/** Staff who read incidents and reports at all (contract/roles.ts). */
export function readsCases(actor: Actor): boolean {
  return actorHolds(actor, CASE_READER_ROLES);
}

/** Staff who work incidents: create, edit, link, write. Observers read only. */
export function worksCases(actor: Actor): boolean {
  return actorHolds(actor, CASE_WORKER_ROLES);
}

/** Whether the actor sees this incident, given who it is assigned to and whether the actor is a member. */
export function maySeeIncident(
  actor: Actor,
  incident: { tlp: TlpLabel; assigneeId: string | null },
  isMember: boolean,
): boolean {
  if (actor.kind !== "user" || !readsCases(actor)) return false;
  if (incident.tlp !== "TLP:RED" || hasRole(actor, "admin")) return true;
  return incident.assigneeId === actor.userId || isMember;
}

/**
 * Whoever opens a TLP:RED incident, or brings a report into one, is one of its named recipients: the
 * user to make a member so they keep seeing what they wrote whoever the incident is (re)assigned to, or
 * null for anything else. Without it, a RED incident opened unassigned vanished from its creator, and a
 * report linked into one vanished from whoever linked it once the incident was handed over.
 */
export function namedRecipientToAdd(actor: Actor, incident: { tlp: TlpLabel }): string | null {
  if (actor.kind !== "user" || incident.tlp !== "TLP:RED") return null;
  return actor.userId;
}

function ref(alias: string, column: string) {
  return sql.ref(`${alias}.${column}`);
}

/**
 * SQL condition: the incident row under `alias` is visible to the actor. Use it in every query that
 * lists, counts or searches incidents or what belongs to them (timeline, messages, tasks).
 */
export function incidentVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind !== "user" || !readsCases(actor)) return sql<SqlBool>`false`;
  if (hasRole(actor, "admin")) return sql<SqlBool>`true`;
  // Never NULL (an unassigned incident's assignee is): callers negate this to find what is hidden, and
  // "not NULL" would hide nothing.
  return sql<SqlBool>`(${ref(alias, "tlp")} <> 'TLP:RED' or ${ref(alias, "assignee_id")} is not distinct from ${actor.userId}
    or exists (select 1 from incident_members vm
               where vm.incident_id = ${ref(alias, "id")} and vm.user_id = ${actor.userId}))`;
}

/**
 * SQL condition: the report row under `alias` is visible to the actor — it is not linked to any TLP:RED
 * incident the actor does not see. Use it in every query that lists, counts or searches reports or what
 * belongs to them (their conversation, attachments).
 */
export function reportVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind !== "user" || !readsCases(actor)) return sql<SqlBool>`false`;
  if (hasRole(actor, "admin")) return sql<SqlBool>`true`;
  return sql<SqlBool>`not exists (
    select 1 from incident_reports vr join incidents vi on vi.id = vr.incident_id
    where vr.report_id = ${ref(alias, "id")} and vi.tlp = 'TLP:RED'
      and vi.assignee_id is distinct from ${actor.userId}
      and not exists (select 1 from incident_members vm where vm.incident_id = vi.id and vm.user_id = ${actor.userId}))`;
}

/**
 * SQL condition: the incident event row under `alias` (`incident_events`) is visible to the actor, given
 * that its incident is. An event naming a report in `data.report` is shown only to those who see that
 * report (reportVisibleSql): "FYR-2026-00042 linked" or a reply from its reporter on an incident the
 * actor sees must not tell them of a report hidden by another, TLP:RED, incident. A named report that
 * cannot be found is hidden too: the safe side.
 */
export function eventVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind !== "user" || !readsCases(actor)) return sql<SqlBool>`false`;
  if (hasRole(actor, "admin")) return sql<SqlBool>`true`;
  const named = sql`(${ref(alias, "data")} ->> 'report')`;
  return sql<SqlBool>`(${named} is null or exists (
    select 1 from reports er where er.reference = ${named} and ${reportVisibleSql(actor, "er")}))`;
}

/**
 * SQL query: the ids of every incident and report the actor may not see, for work that checks thousands
 * of cases at once (correlation): used as a set (`not in (select id from hidden)`, which PostgreSQL hashes)
 * instead of one policy check per row. The same rule as `incidentVisibleSql`/`reportVisibleSql` — the
 * TLP:RED incidents hidden from the actor and the reports linked to them — so the set is small (RED is
 * for named recipients) and empty for admins.
 */
export function hiddenCasesSql(actor: Actor): RawBuilder<{ id: string }> {
  if (actor.kind !== "user" || !readsCases(actor)) throw new Error("hiddenCasesSql: not a reader of cases");
  if (hasRole(actor, "admin")) return sql`select null::uuid as id where false`;
  // A report is hidden exactly when it is linked to a hidden incident (reportVisibleSql's rule), so the
  // reports follow from the incidents through the link index instead of a policy check per report. (A
  // report in two hidden incidents comes twice: the set is only ever used with "in".)
  // The incidents are incidentVisibleSql's rule negated, written out so PostgreSQL reads RED incidents
  // from their index alone and checks membership as one anti-join.
  return sql`with hidden_incidents as materialized (
      select i.id from incidents i
      where i.tlp = 'TLP:RED' and i.assignee_id is distinct from ${actor.userId}
        and not exists (select 1 from incident_members m where m.incident_id = i.id and m.user_id = ${actor.userId}))
    select id from hidden_incidents
    union all
    select ir.report_id from incident_reports ir where ir.incident_id in (select id from hidden_incidents)`;
}

/**
 * SQL condition: the analysts' verdict on the value row under `alias` (`observables`: its tag, "do not
 * correlate" and their version) is visible to the actor. A verdict is one per value but belongs to the
 * cases that held the value when it was given (`observable_verdict_cases`): who sees none of them does
 * not see it, and meets the value as if never judged. Otherwise a verdict given on TLP:RED cases alone
 * would be read off any case the value later turns up in — one filed by anyone, or added by hand to ask.
 */
export function verdictVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind !== "user" || !readsCases(actor)) return sql<SqlBool>`false`;
  if (hasRole(actor, "admin")) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ref(alias, "version")} = 0 or exists (
    select 1 from observable_verdict_cases vc
    where vc.observable_id = ${ref(alias, "id")} and vc.case_id not in (${hiddenCasesSql(actor)})))`;
}

/**
 * SQL condition: the tag row under `alias` (`observable_tags`) is visible to the actor. The same rule as
 * a verdict's: a tag belongs to the cases that held the value when it was given (`observable_tag_cases`),
 * and who sees none of them does not see it — a tag given on TLP:RED cases alone would otherwise be read
 * off any case the value later turns up in. A tag on no case (Fyr's own, on a value no case held yet)
 * is the safe side: admins only.
 */
export function tagVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind !== "user" || !readsCases(actor)) return sql<SqlBool>`false`;
  if (hasRole(actor, "admin")) return sql<SqlBool>`true`;
  return sql<SqlBool>`exists (
    select 1 from observable_tag_cases tc
    where tc.observable_id = ${ref(alias, "observable_id")} and tc.tag = ${ref(alias, "tag")}
      and tc.case_id not in (${hiddenCasesSql(actor)}))`;
}

/**
 * SQL query: the ids of every case TLP:RED restricts — each TLP:RED incident and each report linked to
 * one — whoever the viewer. What is summed over every other case (the observables index's summary,
 * migration 0033) holds nothing a staff reader may not see; each viewer's hidden cases (hiddenCasesSql)
 * are among these, and the rest of these are what they may see besides.
 */
export function restrictedCasesSql(): RawBuilder<{ id: string }> {
  return sql`with red_incidents as materialized (select i.id from incidents i where i.tlp = 'TLP:RED')
    select id from red_incidents
    union all
    select ir.report_id from incident_reports ir where ir.incident_id in (select id from red_incidents)`;
}
