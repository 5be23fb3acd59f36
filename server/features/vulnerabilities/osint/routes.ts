import type { FastifyRequest } from "fastify";
import {
  OsintItem,
  OsintItemPage,
  OsintItemQuery,
  OsintItemUpdate,
  OsintItemUseBody,
  OsintItemUsed,
  OsintParams,
  OsintSource,
  OsintSourceCreate,
  OsintSourceList,
  OsintSourcePatch,
} from "../../../../contract/osint.js";
import { CASE_READERS, CASE_WORKERS } from "../../../platform/auth/guard.js";
import type { AppDeps } from "../../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../../platform/http/context.js";
import type { FyrApp } from "../../../platform/http/types.js";
import { getOsintItem, listOsintItems, markOsintItem, markOsintItemUsed } from "./items.js";
import { addOsintSource, listOsintSources, removeOsintSource, updateOsintSource } from "./sources.js";

const tags = ["osint"];
const security = STAFF_SECURITY;

/** OSINT sources and the news inbox (/api/v1/osint/…): staff readers read, duty and analysts act. */
export function registerOsintRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const worker = (req: FastifyRequest) => staffContext(req, deps, CASE_WORKERS);

  app.get(
    "/api/v1/osint/sources",
    { config: CASE_READERS, schema: { tags, security, response: { 200: OsintSourceList } } },
    async (req) => listOsintSources(reader(req)),
  );
  app.post(
    "/api/v1/osint/sources",
    { config: CASE_WORKERS, schema: { tags, security, body: OsintSourceCreate, response: { 201: OsintSource } } },
    async (req, reply) => reply.status(201).send(await addOsintSource(worker(req), req.body)),
  );
  app.patch(
    "/api/v1/osint/sources/:id",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: OsintParams, body: OsintSourcePatch, response: { 200: OsintSource } },
    },
    async (req) => updateOsintSource(worker(req), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/osint/sources/:id",
    { config: CASE_WORKERS, schema: { tags, security, params: OsintParams } },
    async (req, reply) => {
      await removeOsintSource(worker(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/osint/items",
    { config: CASE_READERS, schema: { tags, security, querystring: OsintItemQuery, response: { 200: OsintItemPage } } },
    async (req) => listOsintItems(reader(req), req.query),
  );
  app.get(
    "/api/v1/osint/items/:id",
    { config: CASE_READERS, schema: { tags, security, params: OsintParams, response: { 200: OsintItem } } },
    async (req) => getOsintItem(reader(req), req.params.id),
  );
  app.post(
    "/api/v1/osint/items/:id/status",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: OsintParams, body: OsintItemUpdate, response: { 200: OsintItem } },
    },
    async (req) => markOsintItem(worker(req), req.params.id, req.body.status),
  );
  app.post(
    "/api/v1/osint/items/:id/use",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: OsintParams, body: OsintItemUseBody, response: { 200: OsintItemUsed } },
    },
    async (req) => markOsintItemUsed(worker(req), req.params.id, req.body.for),
  );
}
