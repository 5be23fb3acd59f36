import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
  JobIdParams,
  JobsPage,
  JobsQuery,
  OutboxPage,
  OutboxQuery,
} from "../../../contract/operations.js";
import { type AnchorKey, loadAnchorKey } from "../../platform/audit-anchor.js";
import { ADMINS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { browseAudit, verifyAudit } from "./audit-browse.js";
import { listJobs, retryJob } from "./jobs-admin.js";
import { listOutbox } from "./outbox.js";

const tags = ["operations"];
const security = STAFF_SECURITY;

/** Admin-only routes: audit trail, outbox, job queue. */
export function registerOperationsRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const asAdmin = (req: FastifyRequest) => staffContext(req, deps, ADMINS);
  // Read on first use: a staff-only node needs it only when someone verifies.
  let key: AnchorKey | undefined;
  const anchorKey = () => (key ??= loadAnchorKey(deps.config));

  app.get(
    "/api/v1/audit",
    { config: ADMINS, schema: { tags, security, querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => browseAudit(asAdmin(req), req.query),
  );

  app.get(
    "/api/v1/audit/verify",
    { config: ADMINS, schema: { tags, security, response: { 200: AuditVerification } } },
    async (req) => verifyAudit(asAdmin(req), anchorKey()),
  );

  app.get(
    "/api/v1/outbox",
    { config: ADMINS, schema: { tags, security, querystring: OutboxQuery, response: { 200: OutboxPage } } },
    async (req) => listOutbox(asAdmin(req), req.query),
  );

  app.get(
    "/api/v1/jobs",
    { config: ADMINS, schema: { tags, security, querystring: JobsQuery, response: { 200: JobsPage } } },
    async (req) => listJobs(asAdmin(req), req.query),
  );

  app.post(
    "/api/v1/jobs/:id/retry",
    { config: ADMINS, schema: { tags, security, params: JobIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await retryJob(asAdmin(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
