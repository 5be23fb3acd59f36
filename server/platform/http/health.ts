import { z } from "zod";
import { ping } from "../db/connect.js";
import type { Db } from "../db/connect.js";
import { pendingMigrations } from "../db/migrate.js";
import type { Metrics } from "../metrics.js";
import type { FyrApp } from "./types.js";

/** Liveness, readiness and Prometheus metrics. */
export function registerHealthRoutes(
  app: FyrApp,
  deps: { db: Db; metrics: Metrics; beforeScrape?: () => Promise<void> },
) {
  app.get(
    "/healthz",
    { schema: { tags: ["operations"], response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["operations"],
        response: { 200: z.object({ status: z.literal("ready") }), 503: z.object({ status: z.string() }) },
      },
    },
    async (_req, reply) => {
      if (!(await ping(deps.db))) return reply.status(503).send({ status: "database_unreachable" });
      if ((await pendingMigrations(deps.db)).length > 0)
        return reply.status(503).send({ status: "migrations_pending" });
      return { status: "ready" as const };
    },
  );

  app.get("/metrics", { schema: { hide: true } }, async (_req, reply) => {
    await deps.beforeScrape?.();
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
