import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import {
  type CaseKind,
  CaseObservable,
  CaseObservableList,
  ObservableAdd,
  ObservableDetail,
  ObservableIdParams,
  ObservableLookup,
  ObservableUpdate,
  RelatedList,
  RelatedQuery,
  WarningList,
  WarningListCreate,
  WarningListIdParams,
  WarningListUpdate,
} from "../../../contract/observables.js";
import { ADMINS, CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext, sendDownload } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { addCaseObservable, listCaseObservables, removeCaseObservable } from "./case-observables.js";
import { exportIncidentObservables } from "./export.js";
import { lookupObservable, updateObservable } from "./observable-detail.js";
import { relatedCases } from "./related.js";
import { registerObservableWorkspaceRoutes } from "./routes-workspace.js";
import { createWarningList, deleteWarningList, listWarningLists, updateWarningList } from "./warning-lists.js";

const tags = ["observables"];
const security = STAFF_SECURITY;
const CASE_PATHS: Record<CaseKind, string> = { incident: "/api/v1/incidents", report: "/api/v1/reports" };
const CaseValueParams = IncidentReferenceParams.extend({ id: ObservableIdParams.shape.id });

/**
 * Observables and correlation: the related panel and the values of reports and incidents, a value's
 * page, verdicts, exports and warning lists. Each route names who may call it (`config`), checked
 * before validation; a case hidden from a caller the route admits answers 404 (the services decide).
 */
export function registerObservableRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  registerObservableWorkspaceRoutes(app, deps);

  for (const [kind, base] of Object.entries(CASE_PATHS) as [CaseKind, string][]) {
    app.get(
      `${base}/:reference/related`,
      {
        config: CASE_READERS,
        schema: {
          tags,
          security,
          params: IncidentReferenceParams,
          querystring: RelatedQuery,
          response: { 200: RelatedList },
        },
      },
      async (req) => relatedCases(ctx(req), kind, req.params.reference, req.query),
    );
    app.get(
      `${base}/:reference/observables`,
      {
        config: CASE_READERS,
        schema: { tags, security, params: IncidentReferenceParams, response: { 200: CaseObservableList } },
      },
      async (req) => listCaseObservables(ctx(req), kind, req.params.reference),
    );
    app.post(
      `${base}/:reference/observables`,
      {
        config: CASE_WORKERS,
        schema: {
          tags,
          security,
          params: IncidentReferenceParams,
          body: ObservableAdd,
          response: { 201: CaseObservable },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addCaseObservable(ctx(req), kind, req.params.reference, req.body)),
    );
    app.delete(
      `${base}/:reference/observables/:id`,
      { config: CASE_WORKERS, schema: { tags, security, params: CaseValueParams } },
      async (req, reply) => {
        await removeCaseObservable(ctx(req), kind, req.params.reference, Number(req.params.id));
        return reply.status(204).send();
      },
    );
  }

  for (const format of ["csv", "stix"] as const) {
    app.get(
      `/api/v1/incidents/:reference/observables.${format}`,
      { config: CASE_READERS, schema: { tags, security, params: IncidentReferenceParams } },
      async (req, reply) =>
        sendDownload(reply, await exportIncidentObservables(ctx(req), req.params.reference, format)),
    );
  }

  app.get(
    "/api/v1/observables",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: ObservableLookup, response: { 200: ObservableDetail } },
    },
    async (req) => lookupObservable(ctx(req), req.query),
  );
  app.patch(
    "/api/v1/observables/:id",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: ObservableIdParams,
        body: ObservableUpdate,
        response: { 200: ObservableDetail },
      },
    },
    async (req) => updateObservable(ctx(req), Number(req.params.id), req.body),
  );

  app.get(
    "/api/v1/warning-lists",
    { config: CASE_READERS, schema: { tags, security, response: { 200: z.object({ items: z.array(WarningList) }) } } },
    async (req) => listWarningLists(ctx(req)),
  );
  app.post(
    "/api/v1/warning-lists",
    { config: ADMINS, schema: { tags, security, body: WarningListCreate, response: { 201: WarningList } } },
    async (req, reply) => reply.status(201).send(await createWarningList(ctx(req), req.body)),
  );
  app.patch(
    "/api/v1/warning-lists/:id",
    {
      config: ADMINS,
      schema: { tags, security, params: WarningListIdParams, body: WarningListUpdate, response: { 200: WarningList } },
    },
    async (req) => updateWarningList(ctx(req), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/warning-lists/:id",
    { config: ADMINS, schema: { tags, security, params: WarningListIdParams } },
    async (req, reply) => {
      await deleteWarningList(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
