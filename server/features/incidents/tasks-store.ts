import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentTasksTable } from "../../platform/db/tables/incidents.js";

// SQL for incident_tasks (checklist items: task-items-store.ts); rules live in tasks.ts and friends.
// Every task query names the incident too, so a task id from another incident is simply not found.

export type TaskRow = Selectable<IncidentTasksTable>;

/** A task as listed, with its assignee's and finisher's names and the playbook it came from. */
export interface TaskListRow extends TaskRow {
  assignee_name: string | null;
  assignee_email: string | null;
  done_by_name: string | null;
  done_by_email: string | null;
  playbook_name_sv: string | null;
  playbook_name_en: string | null;
}

/** The incident's tasks in list order (or just one, by id). */
export async function selectTasks(db: Db, incidentId: string, taskId?: string): Promise<TaskListRow[]> {
  let query = db
    .selectFrom("incident_tasks as t")
    .leftJoin("users as a", "a.id", "t.assignee_id")
    .leftJoin("users as d", "d.id", "t.done_by")
    .leftJoin("playbooks as p", "p.id", "t.playbook_id")
    .selectAll("t")
    .select([
      "a.name as assignee_name",
      "a.email as assignee_email",
      "d.name as done_by_name",
      "d.email as done_by_email",
      "p.name_sv as playbook_name_sv",
      "p.name_en as playbook_name_en",
    ])
    .where("t.incident_id", "=", incidentId);
  if (taskId !== undefined) query = query.where("t.id", "=", taskId);
  return query.orderBy("t.position").orderBy("t.created_at").orderBy("t.id").execute();
}

/** One task of this incident, locked for the caller's transaction. */
export async function lockTask(db: Db, incidentId: string, taskId: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom("incident_tasks")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where("id", "=", taskId)
    .forUpdate()
    .executeTakeFirst();
}

/** The position after the incident's last task. Callers hold the incident's row lock. */
export async function nextTaskPosition(db: Db, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom("incident_tasks")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("incident_id", "=", incidentId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export interface NewTask {
  incidentId: string;
  title: string;
  description: string;
  assigneeId: string | null;
  dueAt: Date | null;
  playbookId: string | null;
  position: number;
  at: Date;
  by: string | null;
}

/** Inserts a task; returns its id. */
export async function insertTask(db: Db, t: NewTask): Promise<string> {
  const row = await db
    .insertInto("incident_tasks")
    .values({
      incident_id: t.incidentId,
      title: t.title,
      description: t.description,
      assignee_id: t.assigneeId,
      due_at: t.dueAt,
      playbook_id: t.playbookId,
      position: t.position,
      created_at: t.at,
      created_by: t.by,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a task and moves its version on. */
export async function updateTaskRow(
  db: Db,
  taskId: string,
  changes: Omit<Updateable<IncidentTasksTable>, "id" | "incident_id" | "version">,
): Promise<void> {
  await db
    .updateTable("incident_tasks")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1) }))
    .where("id", "=", taskId)
    .execute();
}

/** The incident's task ids in list order. */
export async function selectTaskOrder(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("incident_tasks")
    .select("id")
    .where("incident_id", "=", incidentId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Numbers the incident's tasks 1..n in the given order (a reorder moves only positions, not versions). */
export async function renumberTasks(db: Db, incidentId: string, orderedIds: readonly string[]): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable("incident_tasks")
      .set({ position: index + 1 })
      .where("incident_id", "=", incidentId)
      .where("id", "=", id)
      .where("position", "<>", index + 1)
      .execute();
  }
}

/** A would-be task assignee as the TLP policy needs them, with whether they are a member of the incident. */
export async function selectAssigneeCandidate(db: Db, userId: string, incidentId: string) {
  return db
    .selectFrom("users as u")
    .select((eb) => [
      "u.id",
      "u.email",
      "u.name",
      "u.kind",
      "u.organisation_id",
      "u.roles",
      "u.disabled_at",
      eb
        .exists(
          eb
            .selectFrom("incident_members as m")
            .select("m.user_id")
            .where("m.incident_id", "=", incidentId)
            .whereRef("m.user_id", "=", "u.id"),
        )
        .as("member"),
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

/** Whether any task of the incident came from this playbook. */
export async function selectPlaybookUse(db: Db, incidentId: string, playbookId: string): Promise<boolean> {
  const row = await db
    .selectFrom("incident_tasks")
    .select("id")
    .where("incident_id", "=", incidentId)
    .where("playbook_id", "=", playbookId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
