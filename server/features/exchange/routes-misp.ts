import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { MispEventInput, MispFeedSourceCreate } from "../../../contract/misp.js";
import { ADMINS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { producerOf } from "./export-incident.js";
import { buildMispFeed, mispFeedEvent, mispHashes, mispManifest } from "./misp-feed.js";
import { importMispEvent } from "./misp-import.js";
import { createMispFeedSource, listMispFeedSources, pullMispFeedsNow } from "./misp-sources.js";
import { authenticatePartner } from "./partner-auth.js";

const tags = ["exchange"];
/** An uploaded MISP event may be large (MISP events of 100,000 attributes exist). */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

/**
 * The MISP feed for partner CERTs at /misp/feed/ (public role: partners reach it from outside): MISP
 * subscribes with the partner's API token as its feed's `Authorization: Bearer …` header. Each partner
 * reads only what the sharing decision lets through to it.
 */
export function registerMispFeedRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "config">): void {
  const producer = () => producerOf(deps.config.publicUrl);
  const noStore = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  app.get("/misp/feed/manifest.json", { schema: { hide: true } }, async (req, reply) => {
    const partner = await authenticatePartner(deps.db, req);
    const feed = await buildMispFeed(deps.db, partner.audience, producer());
    return reply
      .headers(noStore)
      .type("application/json")
      .send(JSON.stringify(mispManifest(feed)));
  });
  app.get("/misp/feed/hashes.csv", { schema: { hide: true } }, async (req, reply) => {
    const partner = await authenticatePartner(deps.db, req);
    const feed = await buildMispFeed(deps.db, partner.audience, producer());
    return reply.headers(noStore).type("text/csv; charset=utf-8").send(mispHashes(feed));
  });
  app.get(
    "/misp/feed/:file",
    { schema: { hide: true, params: z.object({ file: z.string().regex(/^[0-9a-fA-F-]{36}\.json$/) }) } },
    async (req, reply) => {
      const partner = await authenticatePartner(deps.db, req);
      const event = await mispFeedEvent(deps.db, partner.audience, producer(), req.params.file.slice(0, 36));
      return reply.headers(noStore).type("application/json").send(JSON.stringify(event));
    },
  );
}

/** Staff: import an uploaded MISP event into an incident; the partner MISP feeds Fyr pulls (admins). */
export function registerMispStaffRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest, roles: typeof CASE_WORKERS) => staffContext(req, deps, roles);
  app.post(
    "/api/v1/incidents/:reference/import.misp.json",
    {
      config: CASE_WORKERS,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, security: STAFF_SECURITY, params: IncidentReferenceParams, body: MispEventInput },
    },
    async (req, reply) =>
      reply.status(201).send(await importMispEvent(ctx(req, CASE_WORKERS), req.params.reference, req.body)),
  );
  app.get("/api/v1/exchange/misp-feeds", { config: ADMINS, schema: { tags, security: STAFF_SECURITY } }, async (req) =>
    listMispFeedSources(ctx(req, ADMINS)),
  );
  app.post(
    "/api/v1/exchange/misp-feeds",
    { config: ADMINS, schema: { tags, security: STAFF_SECURITY, body: MispFeedSourceCreate } },
    async (req, reply) => reply.status(201).send(await createMispFeedSource(ctx(req, ADMINS), req.body)),
  );
  app.post(
    "/api/v1/exchange/misp-feeds/pull",
    { config: ADMINS, schema: { tags, security: STAFF_SECURITY } },
    async (req) => pullMispFeedsNow(ctx(req, ADMINS)),
  );
}
