import type { UserRef } from "../../../contract/incidents.js";
import type { Task, TaskItem } from "../../../contract/tasks.js";
import type { Db } from "../../platform/db/connect.js";
import { type TaskItemListRow, selectTaskItems } from "./task-items-store.js";
import { type TaskListRow, selectTasks } from "./tasks-store.js";

function userRef(id: string | null, name: string | null, email: string | null): UserRef | null {
  return id === null ? null : { id, name: name ?? "", email: email ?? "" };
}

function presentItem(row: TaskItemListRow): TaskItem {
  return {
    id: row.id,
    label: row.label,
    done: row.done_at !== null,
    doneAt: row.done_at?.toISOString() ?? null,
    doneBy: userRef(row.done_by, row.done_by_name, row.done_by_email),
  };
}

function presentTask(row: TaskListRow, items: TaskItemListRow[]): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    assignee: userRef(row.assignee_id, row.assignee_name, row.assignee_email),
    dueAt: row.due_at?.toISOString() ?? null,
    playbook:
      row.playbook_id === null
        ? null
        : { id: row.playbook_id, name: { sv: row.playbook_name_sv ?? "", en: row.playbook_name_en ?? "" } },
    position: row.position,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    doneAt: row.done_at?.toISOString() ?? null,
    doneBy: userRef(row.done_by, row.done_by_name, row.done_by_email),
    checklist: items.map(presentItem),
  };
}

/** The incident's tasks with their checklists, in list order. The caller has checked the incident is visible. */
export async function loadTaskViews(db: Db, incidentId: string): Promise<Task[]> {
  const tasks = await selectTasks(db, incidentId);
  const itemsByTask = new Map<string, TaskItemListRow[]>();
  for (const item of await selectTaskItems(
    db,
    tasks.map((t) => t.id),
  )) {
    const list = itemsByTask.get(item.task_id);
    if (list) list.push(item);
    else itemsByTask.set(item.task_id, [item]);
  }
  return tasks.map((t) => presentTask(t, itemsByTask.get(t.id) ?? []));
}

/** One task of the incident with its checklist; undefined when the incident has no such task. */
export async function loadTaskView(db: Db, incidentId: string, taskId: string): Promise<Task | undefined> {
  const [task] = await selectTasks(db, incidentId, taskId);
  if (!task) return undefined;
  return presentTask(task, await selectTaskItems(db, [task.id]));
}
