import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  IncidentLegalHold,
  IncidentReferenceParams,
  LegalHoldInput,
  LegalHolds,
  RetentionCounts,
  RetentionReport,
  RetentionReportQuery,
} from "../../../contract/retention.js";
import { ADMINS, CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import {
  clearLegalHold,
  getLegalHold,
  listLegalHolds,
  retentionReport,
  runRetentionNow,
  setLegalHold,
} from "./service.js";

const tags = ["retention"];
const security = STAFF_SECURITY;

/** Legal holds (case workers), the yearly retention report and a run on demand (administrators). */
export function registerRetentionRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest, roles: typeof ADMINS) => staffContext(req, deps, roles);

  app.get(
    "/api/v1/incidents/:reference/legal-hold",
    {
      config: CASE_READERS,
      schema: { tags, security, params: IncidentReferenceParams, response: { 200: IncidentLegalHold } },
    },
    async (req) => getLegalHold(ctx(req, CASE_READERS), req.params.reference),
  );
  app.put(
    "/api/v1/incidents/:reference/legal-hold",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: LegalHoldInput, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await setLegalHold(ctx(req, CASE_WORKERS), req.params.reference, req.body.reason);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    "/api/v1/incidents/:reference/legal-hold",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentReferenceParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await clearLegalHold(ctx(req, CASE_WORKERS), req.params.reference);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/retention/holds",
    { config: ADMINS, schema: { tags, security, response: { 200: LegalHolds } } },
    async (req) => listLegalHolds(ctx(req, ADMINS)),
  );
  app.get(
    "/api/v1/retention/report",
    {
      config: ADMINS,
      schema: { tags, security, querystring: RetentionReportQuery, response: { 200: RetentionReport } },
    },
    async (req) => retentionReport(ctx(req, ADMINS), req.query.year, deps.config.retentionMonths),
  );
  app.post(
    "/api/v1/retention/run",
    { config: ADMINS, schema: { tags, security, response: { 200: RetentionCounts } } },
    async (req) => runRetentionNow(ctx(req, ADMINS), deps.config.retentionMonths),
  );
}
