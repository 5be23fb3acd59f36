import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentTaskItemsTable } from "../../platform/db/tables/incidents.js";

// SQL for incident_task_items, the checklists. Callers have already found the task on its incident.

export type TaskItemRow = Selectable<IncidentTaskItemsTable>;
export interface TaskItemListRow extends TaskItemRow {
  done_by_name: string | null;
  done_by_email: string | null;
}

/** The checklist items of these tasks, in order, with who ticked them. */
export async function selectTaskItems(db: Db, taskIds: readonly string[]): Promise<TaskItemListRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("incident_task_items as i")
    .leftJoin("users as d", "d.id", "i.done_by")
    .selectAll("i")
    .select(["d.name as done_by_name", "d.email as done_by_email"])
    .where("i.task_id", "in", taskIds)
    .orderBy("i.task_id")
    .orderBy("i.position")
    .orderBy("i.id")
    .execute();
}

/** Appends items to a task's checklist, after its last one. */
export async function insertTaskItems(db: Db, taskId: string, labels: readonly string[]): Promise<string[]> {
  if (labels.length === 0) return [];
  const last = await db
    .selectFrom("incident_task_items")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("task_id", "=", taskId)
    .executeTakeFirst();
  const start = (last?.last ?? 0) + 1;
  const rows = await db
    .insertInto("incident_task_items")
    .values(labels.map((label, i) => ({ task_id: taskId, label, position: start + i })))
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** One item of this task, or undefined (an item of another task is not found). */
export async function selectTaskItem(db: Db, taskId: string, itemId: string): Promise<TaskItemRow | undefined> {
  return db
    .selectFrom("incident_task_items")
    .selectAll()
    .where("task_id", "=", taskId)
    .where("id", "=", itemId)
    .executeTakeFirst();
}

export async function updateTaskItemRow(
  db: Db,
  itemId: string,
  changes: Omit<Updateable<IncidentTaskItemsTable>, "id" | "task_id">,
): Promise<void> {
  await db.updateTable("incident_task_items").set(changes).where("id", "=", itemId).execute();
}

export async function deleteTaskItemRow(db: Db, itemId: string): Promise<void> {
  await db.deleteFrom("incident_task_items").where("id", "=", itemId).execute();
}
