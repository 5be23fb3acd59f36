import type { FastifyRequest } from "fastify";
import { ObservableIndexPage, ObservableIndexQuery } from "../../../contract/observable-index.js";
import { BULK_LOOKUP_MAX_CHARS, BulkLookupInput, BulkLookupResult } from "../../../contract/observable-lookup.js";
import { ObservableTagAdd, ObservableTagRemove, ValueTagList } from "../../../contract/observable-tags.js";
import { ObservableIdParams } from "../../../contract/observables.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { bulkLookup } from "./bulk-lookup.js";
import { listObservableIndex } from "./observable-index.js";
import { tagObservable, untagObservable } from "./tag-observable.js";

const tags = ["observables"];
const security = STAFF_SECURITY;
/** The pasted text at its limit, as UTF-8 JSON with room for escapes; more is a 413 before parsing. */
const LOOKUP_BODY_LIMIT = BULK_LOOKUP_MAX_CHARS + 256 * 1024;

/**
 * The observables workspace: the index of values, tags on a value, bulk lookup. Each route names who
 * may call it (`config`), checked before validation; the services apply the TLP policy.
 */
export function registerObservableWorkspaceRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);

  app.get(
    "/api/v1/observables/index",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: ObservableIndexQuery, response: { 200: ObservableIndexPage } },
    },
    async (req) => listObservableIndex(ctx(req), req.query),
  );
  app.post(
    "/api/v1/observables/lookup",
    {
      config: CASE_READERS,
      bodyLimit: LOOKUP_BODY_LIMIT,
      schema: { tags, security, body: BulkLookupInput, response: { 200: BulkLookupResult } },
    },
    async (req) => bulkLookup(ctx(req), req.body),
  );
  app.post(
    "/api/v1/observables/:id/tags",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: ObservableIdParams, body: ObservableTagAdd, response: { 200: ValueTagList } },
    },
    async (req) => tagObservable(ctx(req), Number(req.params.id), req.body.tag),
  );
  app.delete(
    "/api/v1/observables/:id/tags",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: ObservableIdParams,
        querystring: ObservableTagRemove,
        response: { 200: ValueTagList },
      },
    },
    async (req) => untagObservable(ctx(req), Number(req.params.id), req.query.tag),
  );
}
