import type { Updateable } from "kysely";
import type { Task, TaskCreate, TaskPatch, TaskStatus, TasksList } from "../../../contract/tasks.js";
import { appendAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { IncidentTasksTable } from "../../platform/db/tables/incidents.js";
import { conflict, notFound } from "../../platform/errors.js";
import { type IncidentRow, loadIncidentForChange, loadVisibleIncident } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import { loadTaskView, loadTaskViews } from "./present-tasks.js";
import { assertMayTakeTask } from "./task-assignee.js";
import {
  type TaskRow,
  insertTask,
  lockTask,
  nextTaskPosition,
  renumberTasks,
  selectTaskOrder,
  updateTaskRow,
} from "./tasks-store.js";
import type { IncidentContext } from "./types.js";

/** The acting user's id, or null for the system (CLI, jobs). */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** What a task's timeline entry says happened to it. */
export type TaskEventAction = "created" | "done" | "reopened" | "cancelled";

/** Records a task event on the incident's timeline (kind `task`; data: action, taskId, title). */
export async function recordTaskEvent(
  db: Db,
  ctx: IncidentContext,
  e: { incidentId: string; taskId: string; title: string; action: TaskEventAction },
): Promise<void> {
  const now = ctx.clock.now();
  await insertIncidentEvent(db, {
    incidentId: e.incidentId,
    kind: "task",
    occurredAt: now,
    recordedAt: now,
    authorId: actorUserId(ctx.actor),
    data: { action: e.action, taskId: e.taskId, title: e.title },
  });
}

/** The task of this incident, locked, or 404 (a task of another incident is not found here). */
export async function lockIncidentTask(db: Db, incident: IncidentRow, taskId: string): Promise<TaskRow> {
  const task = await lockTask(db, incident.id, taskId);
  if (!task) throw notFound("task_not_found", `No task ${taskId} on ${incident.reference}`);
  return task;
}

/** The task as the API shows it, after a change in the same transaction. */
export async function taskViewOf(db: Db, incidentId: string, taskId: string): Promise<Task> {
  const view = await loadTaskView(db, incidentId, taskId);
  if (!view) throw new Error(`task ${taskId} vanished inside its own transaction`);
  return view;
}

/** An incident's tasks with their checklists, for whoever may see the incident. */
export async function listTasks(ctx: IncidentContext, reference: string): Promise<TasksList> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  return { items: await loadTaskViews(ctx.db, incident.id) };
}

/** Adds a task by hand at the end of the incident's list. */
export async function createTask(ctx: IncidentContext, reference: string, input: TaskCreate): Promise<Task> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId !== null) await assertMayTakeTask(tx, assigneeId, incident);
    const taskId = await insertTask(tx, {
      incidentId: incident.id,
      title: input.title,
      description: input.description,
      assigneeId,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      playbookId: null,
      position: await nextTaskPosition(tx, incident.id),
      at: ctx.clock.now(),
      by: actorUserId(ctx.actor),
    });
    await recordTaskEvent(tx, ctx, { incidentId: incident.id, taskId, title: input.title, action: "created" });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.task.created",
      target: { type: "incident", id: incident.reference },
      diff: { taskId, title: input.title, assigneeId, dueAt: input.dueAt ?? null },
      ip: ctx.ip ?? null,
    });
    return taskViewOf(tx, incident.id, taskId);
  });
}

// The timeline's word for a status change.
function statusAction(to: TaskStatus): TaskEventAction {
  switch (to) {
    case "done":
      return "done";
    case "cancelled":
      return "cancelled";
    case "open":
      return "reopened";
  }
}

// Moves a task to a 1-based place in the incident's list; a place past the end means last.
async function moveTask(db: Db, incidentId: string, taskId: string, position: number): Promise<void> {
  const order = (await selectTaskOrder(db, incidentId)).filter((id) => id !== taskId);
  order.splice(Math.min(position - 1, order.length), 0, taskId);
  await renumberTasks(db, incidentId, order);
}

/** Edits a task (title, text, status, assignee, due date, place); a stale version is a 409. */
export async function updateTask(
  ctx: IncidentContext,
  reference: string,
  taskId: string,
  patch: TaskPatch,
): Promise<Task> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const task = await lockIncidentTask(tx, incident, taskId);
    if (task.version !== patch.version)
      throw conflict("version_conflict", "The task was changed by someone else; reload it");
    if (patch.assigneeId) await assertMayTakeTask(tx, patch.assigneeId, incident);
    const changes: Updateable<IncidentTasksTable> = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.assigneeId !== undefined) changes.assignee_id = patch.assigneeId;
    if (patch.dueAt !== undefined) changes.due_at = patch.dueAt === null ? null : new Date(patch.dueAt);
    const newStatus = patch.status !== undefined && patch.status !== task.status ? patch.status : null;
    if (newStatus !== null) {
      const done = newStatus === "done";
      changes.status = newStatus;
      changes.done_at = done ? ctx.clock.now() : null;
      changes.done_by = done ? actorUserId(ctx.actor) : null;
    }
    await updateTaskRow(tx, task.id, changes);
    if (patch.position !== undefined) await moveTask(tx, incident.id, task.id, patch.position);
    if (newStatus !== null)
      await recordTaskEvent(tx, ctx, {
        incidentId: incident.id,
        taskId: task.id,
        title: patch.title ?? task.title,
        action: statusAction(newStatus),
      });
    const { version: _version, ...changed } = patch;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.task.updated",
      target: { type: "incident", id: incident.reference },
      diff: {
        taskId: task.id,
        ...changed,
        ...(newStatus !== null ? { status: { from: task.status, to: newStatus } } : {}),
      },
      ip: ctx.ip ?? null,
    });
    return taskViewOf(tx, incident.id, task.id);
  });
}
