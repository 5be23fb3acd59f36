import type { ApplyPlaybookInput, TaskLanguage, TasksList } from "../../../contract/tasks.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { conflict, invalid } from "../../platform/errors.js";
import { findActivePlaybook } from "../playbooks/read-playbooks.js";
import { loadIncidentForChange } from "./access.js";
import { insertIncidentEvent } from "./events-store.js";
import { loadTaskViews } from "./present-tasks.js";
import { insertTaskItems } from "./task-items-store.js";
import { insertTask, nextTaskPosition, selectPlaybookUse } from "./tasks-store.js";
import { actorUserId } from "./tasks.js";
import type { IncidentContext } from "./types.js";

/**
 * Adds a playbook's tasks and checklists to an incident, after its existing tasks, written in one
 * language (default Swedish); records one `playbook` timeline entry and an audit entry. Runs in the
 * caller's transaction (ctx.db): incident creation calls it, as does applying one later. The caller
 * has already checked that the actor may change the incident. An unknown or archived playbook is a
 * 400 on body.playbookId; one already applied to this incident is a 409 (a double click must not
 * add every task twice).
 */
export async function addPlaybookTasks(
  ctx: IncidentContext,
  incident: { id: string; reference: string },
  playbookId: string,
  language: TaskLanguage = "sv",
): Promise<void> {
  const playbook = await findActivePlaybook(ctx.db, playbookId);
  if (!playbook) {
    const message = "No playbook on offer has this id";
    throw invalid("playbook_not_found", message, [{ path: "body.playbookId", message, code: "unknown_value" }]);
  }
  if (await selectPlaybookUse(ctx.db, incident.id, playbook.id))
    throw conflict("playbook_already_applied", "This playbook's tasks are already on this incident");
  const now = ctx.clock.now();
  const by = actorUserId(ctx.actor);
  let position = await nextTaskPosition(ctx.db, incident.id);
  for (const template of playbook.tasks) {
    const taskId = await insertTask(ctx.db, {
      incidentId: incident.id,
      title: template.title[language],
      description: "",
      assigneeId: null,
      dueAt: null,
      playbookId: playbook.id,
      position: position++,
      at: now,
      by,
    });
    await insertTaskItems(
      ctx.db,
      taskId,
      template.checklist.map((item) => item[language]),
    );
  }
  const name = playbook.name[language];
  await insertIncidentEvent(ctx.db, {
    incidentId: incident.id,
    kind: "playbook",
    occurredAt: now,
    recordedAt: now,
    authorId: by,
    data: { playbookId: playbook.id, name, language, tasks: playbook.tasks.length },
  });
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "incident.playbook.applied",
    target: { type: "incident", id: incident.reference },
    diff: { playbookId: playbook.id, name, language, tasks: playbook.tasks.length },
    ip: ctx.ip ?? null,
  });
}

/** Applies a playbook to an existing incident; answers the incident's tasks. */
export async function applyPlaybook(
  ctx: IncidentContext,
  reference: string,
  input: ApplyPlaybookInput,
): Promise<TasksList> {
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    await addPlaybookTasks({ ...ctx, db: tx }, incident, input.playbookId, input.language);
    return { items: await loadTaskViews(tx, incident.id) };
  });
}
