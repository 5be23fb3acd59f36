import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  Advisory,
  AdvisoryCommentInput,
  AdvisoryCreate,
  AdvisoryCreated,
  AdvisoryDiff,
  AdvisoryDiffQuery,
  AdvisoryList,
  AdvisoryParams,
  AdvisoryPreview,
  AdvisoryPreviewQuery,
  AdvisoryPublishInput,
  AdvisoryRevisionInput,
  AdvisoryStatus,
  AdvisoryTemplate,
  AdvisoryTemplateQuery,
  AdvisoryTextInput,
  AdvisoryTranslationParams,
  CsafCheck,
} from "../../../contract/advisories.js";
import { ADVISORY_PUBLISHERS, ADVISORY_WRITERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { checkAdvisoryCsaf } from "./check-csaf.js";
import { createAdvisory } from "./create-advisory.js";
import type { AdvisoryRuntime } from "./runtime.js";
import { previewAdvisory } from "./preview.js";
import { publishAdvisory } from "./publish-advisory.js";
import { commentOnAdvisory, diffAdvisory, getAdvisory, listAdvisories } from "./read-advisories.js";
import { saveAdvisoryText } from "./save-text.js";
import { advisoryTemplate } from "./templates.js";
import { approveAdvisory, openRevision, submitAdvisory } from "./workflow.js";

const tags = ["advisories"];
const security = STAFF_SECURITY;
const Step = z.object({ status: AdvisoryStatus, version: z.number().int() });
const Saved = z.object({ version: z.number().int(), translationLags: z.boolean() });

/** The staff API of advisories (/api/v1/advisories): writers draft, publishers approve and publish. */
export function registerAdvisoryRoutes(app: FyrApp, deps: AppDeps, runtime: AdvisoryRuntime): void {
  const ctx = (req: FastifyRequest, roles = ADVISORY_WRITERS) => ({
    ...staffContext(req, deps, roles),
    seams: runtime.seams,
    signer: runtime.signer,
    provider: runtime.provider,
    published: runtime.published,
  });

  app.get(
    "/api/v1/advisories",
    { config: ADVISORY_WRITERS, schema: { tags, security, response: { 200: AdvisoryList } } },
    async (req) => ({ items: await listAdvisories(ctx(req)) }),
  );
  app.get(
    "/api/v1/advisories/templates",
    {
      config: ADVISORY_WRITERS,
      schema: { tags, security, querystring: AdvisoryTemplateQuery, response: { 200: AdvisoryTemplate } },
    },
    async (req) => advisoryTemplate(req.query.kind, req.query.language, deps.config.cert.name),
  );
  app.post(
    "/api/v1/advisories",
    { config: ADVISORY_WRITERS, schema: { tags, security, body: AdvisoryCreate, response: { 201: AdvisoryCreated } } },
    async (req, reply) => reply.status(201).send(await createAdvisory(ctx(req), req.body)),
  );
  app.get(
    "/api/v1/advisories/:id",
    { config: ADVISORY_WRITERS, schema: { tags, security, params: AdvisoryParams, response: { 200: Advisory } } },
    async (req) => getAdvisory(ctx(req), req.params.id),
  );
  app.put(
    "/api/v1/advisories/:id/translations/:lang",
    {
      config: ADVISORY_WRITERS,
      schema: { tags, security, params: AdvisoryTranslationParams, body: AdvisoryTextInput, response: { 200: Saved } },
    },
    async (req) => saveAdvisoryText(ctx(req), req.params.id, req.params.lang, req.body),
  );
  app.post(
    "/api/v1/advisories/:id/comments",
    {
      config: ADVISORY_WRITERS,
      schema: { tags, security, params: AdvisoryParams, body: AdvisoryCommentInput, response: { 201: Advisory } },
    },
    async (req, reply) => reply.status(201).send(await commentOnAdvisory(ctx(req), req.params.id, req.body.body)),
  );
  app.get(
    "/api/v1/advisories/:id/diff",
    {
      config: ADVISORY_WRITERS,
      schema: {
        tags,
        security,
        params: AdvisoryParams,
        querystring: AdvisoryDiffQuery,
        response: { 200: AdvisoryDiff },
      },
    },
    async (req) => diffAdvisory(ctx(req), req.params.id, req.query.from, req.query.to),
  );
  app.get(
    "/api/v1/advisories/:id/csaf",
    { config: ADVISORY_WRITERS, schema: { tags, security, params: AdvisoryParams, response: { 200: CsafCheck } } },
    async (req) => checkAdvisoryCsaf(ctx(req), req.params.id),
  );
  app.get(
    "/api/v1/advisories/:id/preview",
    {
      config: ADVISORY_WRITERS,
      schema: {
        tags,
        security,
        params: AdvisoryParams,
        querystring: AdvisoryPreviewQuery,
        response: { 200: AdvisoryPreview },
      },
    },
    async (req) => previewAdvisory({ ...ctx(req), config: deps.config }, req.params.id, req.query.lang),
  );
  app.post(
    "/api/v1/advisories/:id/submit",
    { config: ADVISORY_WRITERS, schema: { tags, security, params: AdvisoryParams, response: { 200: Step } } },
    async (req) => submitAdvisory(ctx(req), req.params.id),
  );
  app.post(
    "/api/v1/advisories/:id/approve",
    { config: ADVISORY_PUBLISHERS, schema: { tags, security, params: AdvisoryParams, response: { 200: Step } } },
    async (req) => approveAdvisory(ctx(req, ADVISORY_PUBLISHERS), req.params.id),
  );
  app.post(
    "/api/v1/advisories/:id/publish",
    {
      config: ADVISORY_PUBLISHERS,
      schema: { tags, security, params: AdvisoryParams, body: AdvisoryPublishInput.nullish(), response: { 200: Step } },
    },
    async (req) => {
      const at = req.body?.at ? new Date(req.body.at) : undefined;
      const row = await publishAdvisory(ctx(req, ADVISORY_PUBLISHERS), req.params.id, at);
      return { status: row.status, version: row.version };
    },
  );
  app.post(
    "/api/v1/advisories/:id/revisions",
    {
      config: ADVISORY_WRITERS,
      schema: { tags, security, params: AdvisoryParams, body: AdvisoryRevisionInput, response: { 200: Step } },
    },
    async (req) => openRevision(ctx(req), req.params.id, req.body.summary),
  );
}
