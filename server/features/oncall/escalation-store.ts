import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { AckMethod, OncallTrigger } from "../../platform/db/tables/oncall.js";
import { StoredSteps } from "./steps.js";

// SQL of escalation: policies, the escalations themselves, and the tick's set-based statements.

export function selectPolicies(db: Db) {
  return db.selectFrom("oncall_policies").selectAll().orderBy("trigger").orderBy("id").execute();
}

export function selectPolicy(db: Db, id: string) {
  return db.selectFrom("oncall_policies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function upsertPolicy(
  db: Db,
  p: {
    id: string;
    trigger: OncallTrigger;
    sectors: string[];
    steps: unknown;
    loops: number;
    updated_by: string | null;
  },
  at: Date,
): Promise<void> {
  const values = { ...p, steps: JSON.stringify(p.steps), updated_at: at };
  await db
    .insertInto("oncall_policies")
    .values(values)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        trigger: values.trigger,
        sectors: values.sectors,
        steps: values.steps,
        loops: values.loops,
        updated_by: values.updated_by,
        updated_at: at,
      }),
    )
    .execute();
}

/**
 * Starts an escalation for every report still new past its acknowledgement target that has none, in one
 * statement: the shorter target for NIS2 reports and sectors of high criticality (which also page first),
 * and the most specific policy (one naming the report's sector beats the trigger's general one). Two
 * nodes running it at once start each escalation once (the unique key). Returns how many started.
 */
export async function startOverdueReportEscalations(
  db: Db,
  now: Date,
  targets: { generalMinutes: number; essentialMinutes: number; essentialSectors: readonly string[] },
): Promise<number> {
  const essential = sql`(coalesce(r.nis2_applies, false) or r.organisation_sector = any(${sql.val([...targets.essentialSectors])}::text[]))`;
  const result = await sql`
    insert into oncall_escalations (trigger, subject_key, subject_ref, title, policy_id, priority, started_at, next_at)
    select 'report-overdue', r.id::text, r.reference, left(coalesce(r.summary, ''), 200), pol.id,
           case when ${essential} then 0 else 1 end, ${now},
           ${now}::timestamptz + make_interval(mins => coalesce((pol.steps -> 0 ->> 'afterMinutes')::int, 0))
    from reports r
    cross join lateral (
      select p.id, p.steps from oncall_policies p
      where p.trigger = 'report-overdue' and (cardinality(p.sectors) = 0 or r.organisation_sector = any(p.sectors))
      order by cardinality(p.sectors) = 0, p.id limit 1
    ) pol
    where r.status = 'new'
      and r.received_at < ${now}::timestamptz - make_interval(mins => case when ${essential}
            then ${targets.essentialMinutes}::int else ${targets.generalMinutes}::int end)
      and not exists (select 1 from oncall_escalations e
                      where e.trigger = 'report-overdue' and e.subject_key = r.id::text)
    on conflict (trigger, subject_key) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Escalations of reports no longer new (acknowledged, linked or rejected in the console) stop. */
export async function stopSettledReportEscalations(db: Db, now: Date): Promise<number> {
  const result = await sql`
    update oncall_escalations e set acknowledged_at = ${now}, ack_method = 'resolved',
           acknowledged_by = r.acknowledged_by, next_at = null
    from reports r
    where e.trigger = 'report-overdue' and e.acknowledged_at is null and r.id::text = e.subject_key
      and r.status <> 'new'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Starts one escalation for a subject (a deadline, an alarm), once: returns whether it was new. */
export async function startEscalation(
  db: Db,
  e: { trigger: OncallTrigger; subject_key: string; subject_ref: string; title: string; priority: number },
  now: Date,
): Promise<boolean> {
  const policy = await db
    .selectFrom("oncall_policies")
    .select(["id", "steps"])
    .where("trigger", "=", e.trigger)
    .orderBy(sql`cardinality(sectors) = 0`)
    .orderBy("id")
    .executeTakeFirst();
  if (!policy) return false;
  const first = StoredSteps.parse(policy.steps)[0];
  const row = await db
    .insertInto("oncall_escalations")
    .values({
      ...e,
      policy_id: policy.id,
      started_at: now,
      next_at: new Date(now.getTime() + (first?.afterMinutes ?? 0) * 60_000),
    })
    .onConflict((oc) => oc.columns(["trigger", "subject_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface DueEscalation {
  id: string;
  next_step: number;
  next_loop: number;
  steps: unknown;
  loops: number;
}

/**
 * Escalations whose next step is due, most urgent first, locked for this transaction; another node's
 * tick skips them (SKIP LOCKED) rather than waiting, and finds them advanced once this one commits.
 */
export function lockDueEscalations(db: Db, now: Date, limit: number): Promise<DueEscalation[]> {
  return db
    .selectFrom("oncall_escalations as e")
    .innerJoin("oncall_policies as p", "p.id", "e.policy_id")
    .select(["e.id", "e.next_step", "e.next_loop", "p.steps", "p.loops"])
    .where("e.acknowledged_at", "is", null)
    .where("e.next_at", "<=", now)
    .orderBy("e.priority")
    .orderBy("e.next_at")
    .limit(limit)
    .forUpdate("e")
    .skipLocked()
    .execute();
}

/** The claim of one step's notification: a row per escalation, step and loop. Null when it exists. */
export async function claimPage(db: Db, escalationId: string, step: number, loop: number, now: Date) {
  const row = await db
    .insertInto("oncall_pages")
    .values({ escalation_id: escalationId, step, loop, created_at: now })
    .onConflict((oc) => oc.columns(["escalation_id", "step", "loop"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function advanceEscalation(
  db: Db,
  id: string,
  next: { step: number; loop: number; at: Date | null },
): Promise<void> {
  await db
    .updateTable("oncall_escalations")
    .set({ next_step: next.step, next_loop: next.loop, next_at: next.at })
    .where("id", "=", id)
    .execute();
}

export function selectEscalation(db: Db, id: string) {
  return db.selectFrom("oncall_escalations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function selectEscalationForUpdate(db: Db, id: string) {
  return db.selectFrom("oncall_escalations").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function markEscalationAcknowledged(
  db: Db,
  id: string,
  by: string | null,
  method: AckMethod,
  at: Date,
): Promise<void> {
  await db
    .updateTable("oncall_escalations")
    .set({ acknowledged_at: at, acknowledged_by: by, ack_method: method, next_at: null })
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .execute();
}

/** Recent escalations with their deliveries, newest first (the console's list). */
export async function selectRecentEscalations(db: Db, limit: number) {
  const escalations = await db
    .selectFrom("oncall_escalations as e")
    .leftJoin("users as u", "u.id", "e.acknowledged_by")
    .selectAll("e")
    .select("u.name as acknowledged_by_name")
    .orderBy("e.started_at", "desc")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  const ids = escalations.map((e) => e.id);
  const deliveries =
    ids.length === 0
      ? []
      : await db
          .selectFrom("oncall_deliveries as d")
          .innerJoin("oncall_pages as p", "p.id", "d.page_id")
          .leftJoin("users as u", "u.id", "d.user_id")
          .select(["p.escalation_id", "p.step", "p.loop", "d.channel", "d.status", "u.name as user_name"])
          .where("p.escalation_id", "in", ids)
          .orderBy("p.created_at")
          .execute();
  return { escalations, deliveries };
}
