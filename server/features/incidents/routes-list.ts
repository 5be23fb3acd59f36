import type { FastifyRequest } from "fastify";
import { IncidentsPage, IncidentsQuery } from "../../../contract/incident-list.js";
import { SavedView, SavedViewInput, SavedViewList, SavedViewParams } from "../../../contract/saved-views.js";
import { CASE_READERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { listIncidents } from "./list-incidents.js";
import { createSavedView, listSavedViews, removeSavedView } from "./saved-views.js";

const tags = ["incidents"];
const security = STAFF_SECURITY;

/**
 * The incident list and saved views. `/api/v1/incidents/views` is a static segment, which Fastify's
 * router prefers over `/api/v1/incidents/:reference` whatever the registration order (tested).
 */
export function registerIncidentListRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);

  app.get(
    "/api/v1/incidents",
    { config: CASE_READERS, schema: { tags, security, querystring: IncidentsQuery, response: { 200: IncidentsPage } } },
    async (req) => listIncidents(ctx(req), req.query),
  );

  app.get(
    "/api/v1/incidents/views",
    { config: CASE_READERS, schema: { tags, security, response: { 200: SavedViewList } } },
    async (req) => listSavedViews(ctx(req)),
  );

  app.post(
    "/api/v1/incidents/views",
    { config: CASE_READERS, schema: { tags, security, body: SavedViewInput, response: { 201: SavedView } } },
    async (req, reply) => reply.status(201).send(await createSavedView(ctx(req), req.body)),
  );

  app.delete(
    "/api/v1/incidents/views/:id",
    { config: CASE_READERS, schema: { tags, security, params: SavedViewParams } },
    async (req, reply) => {
      await removeSavedView(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
