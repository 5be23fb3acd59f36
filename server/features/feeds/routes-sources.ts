import { FeedFetchResult, FeedSource, FeedSourceInput, FeedSourceParams } from "../../../contract/feeds.js";
import { ADMINS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { fetchSourceNow } from "./fetch/fetch-sources.js";
import { FEED_FETCH_TIMEOUT_MS } from "./fetch/fetch-context.js";
import { createFeedSource, updateFeedSource } from "./source-config.js";

const tags = ["feeds"];
const security = STAFF_SECURITY;

/** Feed sources set up by admins (they hold mailbox passwords and API secrets), and "fetch now". */
export function registerFeedSourceRoutes(
  app: FyrApp,
  deps: Pick<AppDeps, "db" | "clock" | "config" | "blobs" | "secrets" | "logger">,
): void {
  app.post(
    "/api/v1/feeds/sources",
    { config: ADMINS, schema: { tags, security, body: FeedSourceInput, response: { 201: FeedSource } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createFeedSource({ ...staffContext(req, deps, ADMINS), secrets: deps.secrets }, req.body)),
  );
  app.put(
    "/api/v1/feeds/sources/:id",
    {
      config: ADMINS,
      schema: { tags, security, params: FeedSourceParams, body: FeedSourceInput, response: { 200: FeedSource } },
    },
    async (req) =>
      updateFeedSource({ ...staffContext(req, deps, ADMINS), secrets: deps.secrets }, req.params.id, req.body),
  );
  app.post(
    "/api/v1/feeds/sources/:id/fetch",
    { config: ADMINS, schema: { tags, security, params: FeedSourceParams, response: { 200: FeedFetchResult } } },
    async (req) =>
      fetchSourceNow(
        {
          ...staffContext(req, deps, ADMINS),
          blobs: deps.blobs,
          secrets: deps.secrets,
          logger: deps.logger.child({ component: "feed-fetch" }),
          maxBytes: deps.config.feedMaxUploadBytes,
          timeoutMs: FEED_FETCH_TIMEOUT_MS,
        },
        req.params.id,
      ),
  );
}
