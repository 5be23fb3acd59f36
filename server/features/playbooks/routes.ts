import type { FastifyRequest } from "fastify";
import {
  Playbook,
  PlaybookCreate,
  PlaybookParams,
  PlaybookPatch,
  PlaybooksList,
  PlaybooksQuery,
} from "../../../contract/playbooks.js";
import { ADMINS, CASE_READERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { archivePlaybook, createPlaybook, updatePlaybook } from "./edit-playbooks.js";
import { getPlaybook, listPlaybooks } from "./read-playbooks.js";

const tags = ["playbooks"];
const security = STAFF_SECURITY;

/** The Playbooks routes (/api/v1/playbooks): everyone who reads incidents lists them; admins edit. */
export function registerPlaybookRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest, write: boolean) => staffContext(req, deps, write ? ADMINS : CASE_READERS);

  app.get(
    "/api/v1/playbooks",
    { config: CASE_READERS, schema: { tags, security, querystring: PlaybooksQuery, response: { 200: PlaybooksList } } },
    async (req) => listPlaybooks(ctx(req, false), req.query),
  );

  app.get(
    "/api/v1/playbooks/:id",
    { config: CASE_READERS, schema: { tags, security, params: PlaybookParams, response: { 200: Playbook } } },
    async (req) => getPlaybook(ctx(req, false), req.params.id),
  );

  app.post(
    "/api/v1/playbooks",
    { config: ADMINS, schema: { tags, security, body: PlaybookCreate, response: { 201: Playbook } } },
    async (req, reply) => reply.status(201).send(await createPlaybook(ctx(req, true), req.body)),
  );

  app.patch(
    "/api/v1/playbooks/:id",
    {
      config: ADMINS,
      schema: { tags, security, params: PlaybookParams, body: PlaybookPatch, response: { 200: Playbook } },
    },
    async (req) => updatePlaybook(ctx(req, true), req.params.id, req.body),
  );

  app.delete(
    "/api/v1/playbooks/:id",
    { config: ADMINS, schema: { tags, security, params: PlaybookParams } },
    async (req, reply) => {
      await archivePlaybook(ctx(req, true), req.params.id);
      return reply.status(204).send();
    },
  );
}
