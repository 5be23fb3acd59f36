import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../platform/deps.js";
import type { FyrApp } from "../../../platform/http/types.js";
import { taxiiCaller } from "./taxii-auth.js";
import {
  MAX_CONTENT_LENGTH,
  TAXII_MEDIA_TYPE,
  dateAddedHeaders,
  jsonBody,
  requireAccept,
  requireContentType,
  sendTaxii,
  sendTaxiiError,
  taxiiNotFound,
} from "./taxii-http.js";
import {
  type TaxiiContext,
  type TaxiiPage,
  callerCollection,
  callerCollections,
  collectionResource,
  envelope,
  manifest,
  parseQuery,
  readPage,
  versionsResource,
} from "./taxii-read.js";
import { addObjects, deleteObject, readStatus } from "./taxii-write.js";

/** The one API root's path segment: `/taxii2/fyr/`. */
export const API_ROOT = "fyr";

type Params = Record<string, string>;

/**
 * TAXII 2.1 (OASIS, §4–§5) at /taxii2/: discovery, one API root, its collections, objects, manifests,
 * versions and statuses. Its own scope: TAXII's error messages instead of problem+json, its body
 * parser (any content type is read raw, so a wrong one is the specification's 415, not Fastify's).
 * Served by the public role (partners reach it from the Internet, as the member area).
 */
export function registerTaxiiRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config" | "secrets">): void {
  void app.register(
    async (scope: FyrApp) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_CONTENT_LENGTH + 1 }, (_req, body, done) =>
        done(null, body),
      );
      scope.setErrorHandler((err, req, reply) => sendTaxiiError(err, req, reply));
      scope.setNotFoundHandler((req, reply) => sendTaxiiError(taxiiNotFound("No such TAXII resource"), req, reply));

      /** Authenticates, checks Accept, then runs the handler with the caller's context. */
      const handle =
        (run: (ctx: TaxiiContext, params: Params, req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
        async (req: FastifyRequest, reply: FastifyReply) => {
          const actor = await taxiiCaller(req, deps);
          requireAccept(req);
          const ctx: TaxiiContext = { db: deps.db, clock: deps.clock, secrets: deps.secrets, actor, ip: req.ip };
          return run(ctx, (req.params ?? {}) as Params, req, reply);
        };
      const root = `${deps.config.publicUrl}/taxii2/${API_ROOT}/`;
      const param = (p: Params, k: string) => p[k] ?? "";
      const sendPage = (reply: FastifyReply, page: TaxiiPage, body: unknown) => {
        dateAddedHeaders(reply, page.rows[0]?.date_added, page.rows.at(-1)?.date_added);
        return sendTaxii(reply, body);
      };

      scope.get(
        "/",
        handle(async (_ctx, _p, _req, reply) =>
          sendTaxii(reply, {
            title: `${deps.config.cert.name} TAXII`,
            description: "TAXII 2.1: collections shared with partner CERTs and member organisations",
            default: root,
            api_roots: [root],
          }),
        ),
      );
      scope.get(
        `/${API_ROOT}/`,
        handle(async (_ctx, _p, _req, reply) =>
          sendTaxii(reply, {
            title: `${deps.config.cert.name}`,
            versions: [TAXII_MEDIA_TYPE],
            max_content_length: MAX_CONTENT_LENGTH,
          }),
        ),
      );
      scope.get(
        `/${API_ROOT}/status/:statusId/`,
        handle(async (ctx, p, _req, reply) => sendTaxii(reply, await readStatus(ctx, param(p, "statusId")))),
      );
      scope.get(
        `/${API_ROOT}/collections/`,
        handle(async (ctx, _p, _req, reply) => {
          const mine = await callerCollections(ctx);
          return sendTaxii(
            reply,
            mine.length === 0 ? {} : { collections: mine.map((m) => collectionResource(m.collection, m.access)) },
          );
        }),
      );
      const collection = `/${API_ROOT}/collections/:collectionId`;
      scope.get(
        `${collection}/`,
        handle(async (ctx, p, _req, reply) => {
          const found = await callerCollection(ctx, param(p, "collectionId"), "either");
          return sendTaxii(reply, collectionResource(found.collection, found.access));
        }),
      );
      scope.get(
        `${collection}/objects/`,
        handle(async (ctx, p, req, reply) => {
          const page = await readPage(ctx, param(p, "collectionId"), parseQuery(req.query));
          return sendPage(reply, page, envelope(page));
        }),
      );
      scope.post(
        `${collection}/objects/`,
        { bodyLimit: MAX_CONTENT_LENGTH + 1 },
        handle(async (ctx, p, req, reply) => {
          await callerCollection(ctx, param(p, "collectionId"), "write");
          requireContentType(req);
          return sendTaxii(reply, await addObjects(ctx, param(p, "collectionId"), jsonBody(req)), 202);
        }),
      );
      scope.get(
        `${collection}/manifest/`,
        handle(async (ctx, p, req, reply) => {
          const page = await readPage(ctx, param(p, "collectionId"), parseQuery(req.query));
          return sendPage(reply, page, manifest(page));
        }),
      );
      scope.get(
        `${collection}/objects/:objectId/`,
        handle(async (ctx, p, req, reply) => {
          const page = await readPage(ctx, param(p, "collectionId"), parseQuery(req.query), {
            objectId: param(p, "objectId"),
          });
          if (page.rows.length === 0 && !page.more && !parseQuery(req.query).next)
            throw taxiiNotFound("No such object");
          return sendPage(reply, page, envelope(page));
        }),
      );
      scope.delete(
        `${collection}/objects/:objectId/`,
        handle(async (ctx, p, req, reply) => {
          const query = parseQuery(req.query);
          await deleteObject(ctx, param(p, "collectionId"), param(p, "objectId"), query["match[version]"]);
          return sendTaxii(reply, {});
        }),
      );
      scope.get(
        `${collection}/objects/:objectId/versions/`,
        handle(async (ctx, p, req, reply) => {
          const page = await readPage(ctx, param(p, "collectionId"), parseQuery(req.query), {
            objectId: param(p, "objectId"),
            versions: "all",
          });
          if (page.rows.length === 0 && !page.more && !parseQuery(req.query).next)
            throw taxiiNotFound("No such object");
          return sendPage(reply, page, versionsResource(page));
        }),
      );
    },
    { prefix: "/taxii2" },
  );
}
