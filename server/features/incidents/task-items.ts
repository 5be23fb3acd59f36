import type { Updateable } from "kysely";
import type { Task, TaskItemCreate, TaskItemPatch } from "../../../contract/tasks.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { IncidentTaskItemsTable } from "../../platform/db/tables/incidents.js";
import { notFound } from "../../platform/errors.js";
import { loadIncidentForChange } from "./access.js";
import { deleteTaskItemRow, insertTaskItems, selectTaskItem, updateTaskItemRow } from "./task-items-store.js";
import { actorUserId, lockIncidentTask, taskViewOf } from "./tasks.js";
import type { IncidentContext } from "./types.js";

// A task's checklist. Ticking items is not a timeline event (it would drown the timeline); it is
// audited, and the item keeps who ticked it and when.

/** Appends an item to a task's checklist; answers the whole task. */
export async function addTaskItem(
  ctx: IncidentContext,
  reference: string,
  taskId: string,
  input: TaskItemCreate,
): Promise<Task> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const task = await lockIncidentTask(tx, incident, taskId);
    const [itemId] = await insertTaskItems(tx, task.id, [input.label]);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.task.item_added",
      target: { type: "incident", id: incident.reference },
      diff: { taskId: task.id, itemId, label: input.label },
      ip: ctx.ip ?? null,
    });
    return taskViewOf(tx, incident.id, task.id);
  });
}

/** Ticks or unticks an item (recording who and when), optionally relabelling it; answers the whole task. */
export async function updateTaskItem(
  ctx: IncidentContext,
  reference: string,
  ids: { taskId: string; itemId: string },
  patch: TaskItemPatch,
): Promise<Task> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const task = await lockIncidentTask(tx, incident, ids.taskId);
    const item = await selectTaskItem(tx, task.id, ids.itemId);
    if (!item) throw notFound("task_item_not_found", `No checklist item ${ids.itemId} on this task`);
    const changes: Updateable<IncidentTaskItemsTable> = {};
    // Ticking a ticked item keeps the first tick's time and person.
    if (patch.done && item.done_at === null) {
      changes.done_at = ctx.clock.now();
      changes.done_by = actorUserId(ctx.actor);
    } else if (!patch.done && item.done_at !== null) {
      changes.done_at = null;
      changes.done_by = null;
    }
    if (patch.label !== undefined && patch.label !== item.label) changes.label = patch.label;
    if (Object.keys(changes).length > 0) {
      await updateTaskItemRow(tx, item.id, changes);
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "incident.task.item_updated",
        target: { type: "incident", id: incident.reference },
        diff: { taskId: task.id, itemId: item.id, done: patch.done, label: changes.label },
        ip: ctx.ip ?? null,
      });
    }
    return taskViewOf(tx, incident.id, task.id);
  });
}

/** Removes an item from a task's checklist; answers the whole task. */
export async function removeTaskItem(
  ctx: IncidentContext,
  reference: string,
  ids: { taskId: string; itemId: string },
): Promise<Task> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const task = await lockIncidentTask(tx, incident, ids.taskId);
    const item = await selectTaskItem(tx, task.id, ids.itemId);
    if (!item) throw notFound("task_item_not_found", `No checklist item ${ids.itemId} on this task`);
    await deleteTaskItemRow(tx, item.id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.task.item_removed",
      target: { type: "incident", id: incident.reference },
      diff: { taskId: task.id, itemId: item.id, label: item.label, wasDone: item.done_at !== null },
      ip: ctx.ip ?? null,
    });
    return taskViewOf(tx, incident.id, task.id);
  });
}
