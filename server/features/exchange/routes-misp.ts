import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { MispFeedSourceCreate, MispImportResult } from "../../../contract/misp.js";
import { ADMINS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { producerOf } from "./export-incident.js";
import { mispFeedEvent, partnerMispFeed } from "./misp-feed.js";
import { MISP_UPLOAD_MAX_BYTES, importMispUpload } from "./misp-import.js";
import { createMispFeedSource, listMispFeedSources, pullMispFeedsNow } from "./misp-sources.js";
import { authenticatePartner } from "./partner-auth.js";

const tags = ["exchange"];

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
    const feed = await partnerMispFeed(deps.db, partner.audience, producer());
    return reply.headers(noStore).type("application/json").send(feed.text("manifest"));
  });
  app.get("/misp/feed/hashes.csv", { schema: { hide: true } }, async (req, reply) => {
    const partner = await authenticatePartner(deps.db, req);
    const feed = await partnerMispFeed(deps.db, partner.audience, producer());
    return reply.headers(noStore).type("text/csv; charset=utf-8").send(feed.text("hashes"));
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
  // The upload: a MISP event JSON, streamed (a scope whose JSON parser hands over the raw body).
  void app.register(async (scope: FyrApp) => {
    scope.removeContentTypeParser("application/json");
    // No body object: the handler reads the request itself (a stream must not be req.body, where the
    // control-character guard would walk it).
    scope.addContentTypeParser("application/json", { bodyLimit: MISP_UPLOAD_MAX_BYTES }, (_req, _payload, done) =>
      done(null, undefined),
    );
    scope.post(
      "/api/v1/incidents/:reference/import.misp.json",
      {
        config: CASE_WORKERS,
        bodyLimit: MISP_UPLOAD_MAX_BYTES,
        schema: {
          tags,
          security: STAFF_SECURITY,
          params: IncidentReferenceParams,
          description: 'A MISP event JSON (`{ "Event": { … } }`, application/json), read as it arrives.',
          response: { 201: MispImportResult },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await importMispUpload(ctx(req, CASE_WORKERS), req.params.reference, req.raw)),
    );
  });
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
