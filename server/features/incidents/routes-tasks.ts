import type { FastifyRequest } from "fastify";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import {
  ApplyPlaybookInput,
  Task,
  TaskCreate,
  TaskItemCreate,
  TaskItemParams,
  TaskItemPatch,
  TaskParams,
  TaskPatch,
  TasksList,
} from "../../../contract/tasks.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { applyPlaybook } from "./apply-playbook.js";
import { addTaskItem, removeTaskItem, updateTaskItem } from "./task-items.js";
import { createTask, listTasks, updateTask } from "./tasks.js";

const tags = ["incidents"];
const security = STAFF_SECURITY;

/** An incident's tasks, checklists and playbooks (/api/v1/incidents/{reference}/tasks, …/playbooks). */
export function registerIncidentTaskRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  // Observers pass here and read; the services refuse their writes (403) only after the TLP check,
  // so a hidden TLP:RED incident answers 404 to everyone who may not see it.
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const base = "/api/v1/incidents/:reference/tasks";

  app.get(
    base,
    { config: CASE_READERS, schema: { tags, security, params: IncidentReferenceParams, response: { 200: TasksList } } },
    async (req) => listTasks(ctx(req), req.params.reference),
  );

  app.post(
    base,
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: TaskCreate, response: { 201: Task } },
    },
    async (req, reply) => reply.status(201).send(await createTask(ctx(req), req.params.reference, req.body)),
  );

  app.patch(
    `${base}/:taskId`,
    { config: CASE_WORKERS, schema: { tags, security, params: TaskParams, body: TaskPatch, response: { 200: Task } } },
    async (req) => updateTask(ctx(req), req.params.reference, req.params.taskId, req.body),
  );

  app.post(
    `${base}/:taskId/items`,
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: TaskParams, body: TaskItemCreate, response: { 201: Task } },
    },
    async (req, reply) =>
      reply.status(201).send(await addTaskItem(ctx(req), req.params.reference, req.params.taskId, req.body)),
  );

  app.patch(
    `${base}/:taskId/items/:itemId`,
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: TaskItemParams, body: TaskItemPatch, response: { 200: Task } },
    },
    async (req) => updateTaskItem(ctx(req), req.params.reference, req.params, req.body),
  );

  app.delete(
    `${base}/:taskId/items/:itemId`,
    { config: CASE_WORKERS, schema: { tags, security, params: TaskItemParams, response: { 200: Task } } },
    async (req) => removeTaskItem(ctx(req), req.params.reference, req.params),
  );

  app.post(
    "/api/v1/incidents/:reference/playbooks",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: IncidentReferenceParams,
        body: ApplyPlaybookInput,
        response: { 201: TasksList },
      },
    },
    async (req, reply) => reply.status(201).send(await applyPlaybook(ctx(req), req.params.reference, req.body)),
  );
}
