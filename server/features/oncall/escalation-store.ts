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
    where e.trigger = 'report-overdue' and e.acknowledged_at is null and r.id = e.subject_key::uuid
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

/**
 * One round of the tick, in one statement: takes up to `limit` escalations whose next step is due (most
 * urgent first, locked; another node's tick skips them rather than waiting), claims each step's page (a
 * unique row per escalation, step and loop: a page that exists is not claimed again), queues a job for
 * each claimed page, and moves each escalation on — to the next step after its wait, the first step of
 * the next loop (after at least `loopWaitMinutes`), or nothing once the last loop is done. Statement and
 * job commit together, so a node dying after it leaves a job any node runs, and before it leaves nothing.
 */
export async function pageDueEscalations(
  db: Db,
  now: Date,
  limit: number,
  job: { name: string; maxAttempts: number; priority: number },
  loopWaitMinutes: number,
): Promise<{ due: number; paged: number }> {
  const result = await sql<{ due: string; paged: string }>`
    with due as (
      select e.id, e.next_step, e.next_loop, p.steps, p.loops, jsonb_array_length(p.steps) as n
      from oncall_escalations e join oncall_policies p on p.id = e.policy_id
      where e.acknowledged_at is null and e.next_at <= ${now}
      order by e.priority, e.next_at
      limit ${limit}
      for update of e skip locked
    ), claimed as (
      insert into oncall_pages (escalation_id, step, loop, created_at)
      select id, next_step, next_loop, ${now} from due
      on conflict (escalation_id, step, loop) do nothing
      returning id
    ), queued as (
      insert into jobs (name, payload, max_attempts, priority)
      select ${job.name}, jsonb_build_object('pageId', id), ${job.maxAttempts}::int, ${job.priority}::int from claimed
      returning id
    ), moved as (
      update oncall_escalations e set
        next_step = case when d.next_step + 1 < d.n then d.next_step + 1
                         when d.next_loop + 1 < d.loops then 0 else d.next_step end,
        next_loop = case when d.next_step + 1 < d.n then d.next_loop
                         when d.next_loop + 1 < d.loops then d.next_loop + 1 else d.next_loop end,
        next_at = case
          when d.next_step + 1 < d.n then
            ${now}::timestamptz + make_interval(mins => coalesce((d.steps -> (d.next_step + 1) ->> 'afterMinutes')::int, 0))
          when d.next_loop + 1 < d.loops then
            ${now}::timestamptz + make_interval(mins => greatest(${loopWaitMinutes}::int, coalesce((d.steps -> 0 ->> 'afterMinutes')::int, 0)))
          end
      from due d where e.id = d.id
      returning e.id
    )
    select (select count(*) from moved) as due, (select count(*) from queued) as paged`.execute(db);
  const row = result.rows[0];
  return { due: Number(row?.due ?? 0), paged: Number(row?.paged ?? 0) };
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
export async function selectRecentEscalations(db: Db, limit: number, subject?: string) {
  const escalations = await db
    .selectFrom("oncall_escalations as e")
    .leftJoin("users as u", "u.id", "e.acknowledged_by")
    .selectAll("e")
    .select("u.name as acknowledged_by_name")
    .$if(subject !== undefined, (q) => q.where("e.subject_ref", "=", subject ?? ""))
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
