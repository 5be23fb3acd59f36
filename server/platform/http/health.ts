import { z } from "zod";
import { ping } from "../db/connect.js";
import type { Db } from "../db/connect.js";
import { pendingMigrations } from "../db/migrate.js";
import type { Metrics } from "../metrics.js";
import { type AddressList, carriesForwardingHeaders, isLoopback } from "./client-address.js";
import { problem, sendProblem } from "./problem.js";
import type { FyrApp } from "./types.js";

export interface MetricsExposure {
  /** False on a public-only process: it faces the internet and has no /metrics at all. */
  serve: boolean;
  /** Client addresses (after FYR_TRUST_PROXY) that may scrape, besides direct loopback requests. */
  allow: AddressList;
}

/**
 * Liveness, readiness and Prometheus metrics. Metrics name routes, queue depths and error rates:
 * they are for the operator's scraper, so they answer only a direct request from loopback (one that
 * did not come through a local reverse proxy, which would make every client look local) or a
 * client in FYR_METRICS_ALLOW.
 */
export function registerHealthRoutes(
  app: FyrApp,
  deps: { db: Db; metrics: Metrics; beforeScrape?: () => Promise<void>; exposure: MetricsExposure },
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

  if (!deps.exposure.serve) return;
  const { allow } = deps.exposure;
  app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
    const direct = isLoopback(req.ip) && !carriesForwardingHeaders(req.headers);
    if (!direct && !allow.has(req.ip))
      return sendProblem(
        reply,
        problem(403, "metrics_forbidden", "Metrics are served to loopback and to FYR_METRICS_ALLOW only"),
      );
    await deps.beforeScrape?.();
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
