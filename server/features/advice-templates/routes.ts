import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  AdviceRenderInput,
  AdviceRendered,
  AdviceTemplate,
  AdviceTemplateCreate,
  AdviceTemplateList,
  AdviceTemplateParams,
  AdviceTemplatePatch,
} from "../../../contract/advice-templates.js";
import { ReportLanguage } from "../../../contract/intake.js";
import { ADMINS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { createTemplate, listTemplates, patchTemplate, removeTemplate, renderTemplate } from "./service.js";

const tags = ["advice-templates"];
const security = STAFF_SECURITY;

/** Advice templates (/api/v1/advice-templates): read and fill for those who work incidents; edit for admins. */
export function registerAdviceTemplateRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_WORKERS);

  app.get(
    "/api/v1/advice-templates",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        querystring: z.object({ language: ReportLanguage.optional() }),
        response: { 200: AdviceTemplateList },
      },
    },
    async (req) => ({ items: await listTemplates(ctx(req), req.query.language) }),
  );

  app.post(
    "/api/v1/advice-templates/render",
    { config: CASE_WORKERS, schema: { tags, security, body: AdviceRenderInput, response: { 200: AdviceRendered } } },
    async (req) => renderTemplate(ctx(req), req.body),
  );

  app.post(
    "/api/v1/advice-templates",
    { config: ADMINS, schema: { tags, security, body: AdviceTemplateCreate, response: { 201: AdviceTemplate } } },
    async (req, reply) => reply.status(201).send(await createTemplate(ctx(req), req.body)),
  );

  app.patch(
    "/api/v1/advice-templates/:id",
    {
      config: ADMINS,
      schema: {
        tags,
        security,
        params: AdviceTemplateParams,
        body: AdviceTemplatePatch,
        response: { 200: AdviceTemplate },
      },
    },
    async (req) => patchTemplate(ctx(req), req.params.id, req.body),
  );

  app.delete(
    "/api/v1/advice-templates/:id",
    { config: ADMINS, schema: { tags, security, params: AdviceTemplateParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeTemplate(ctx(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
