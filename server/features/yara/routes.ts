import type { FastifyRequest } from "fastify";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { YARA_RULE_WRITER_ROLES } from "../../../contract/roles.js";
import {
  CaseYara,
  YaraMatchPage,
  YaraMatchQuery,
  YaraRule,
  YaraRuleCreate,
  YaraRuleDeleteQuery,
  YaraRuleList,
  YaraRuleListQuery,
  YaraRuleParams,
  YaraRulePatch,
  YaraRuleVersionList,
  YaraScanStatus,
  YaraSourceCheck,
  YaraSourceCheckResult,
} from "../../../contract/yara.js";
import { CASE_READERS, allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getCaseYara } from "./case-yara.js";
import { createRule } from "./create-rule.js";
import { deleteRule } from "./delete-rule.js";
import { checkDraft, getRule, listRuleVersions, listRules } from "./read-rules.js";
import { listRuleMatches } from "./rule-matches.js";
import { getScanStatus, scanEverything } from "./scan-everything.js";
import { updateRule } from "./update-rule.js";

const tags = ["yara"];
const security = STAFF_SECURITY;
/** Analysts (and admins): write rules, start a scan of everything (contract/roles.ts). */
const RULE_WRITERS = allow(...YARA_RULE_WRITER_ROLES);

/**
 * YARA rules (/api/v1/yara/…) and the YARA side of cases' files. Everyone who reads cases reads rules
 * and matches (through the policies: a TLP:RED rule's text, a hidden case's files); analysts write.
 */
export function registerYaraRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const writer = (req: FastifyRequest) => staffContext(req, deps, RULE_WRITERS);

  app.get(
    "/api/v1/yara/rules",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: YaraRuleListQuery, response: { 200: YaraRuleList } },
    },
    async (req) => listRules(reader(req), req.query),
  );
  app.post(
    "/api/v1/yara/rules",
    { config: RULE_WRITERS, schema: { tags, security, body: YaraRuleCreate, response: { 201: YaraRule } } },
    async (req, reply) => reply.status(201).send(await createRule(writer(req), req.body)),
  );
  app.post(
    "/api/v1/yara/rules/check",
    {
      config: RULE_WRITERS,
      schema: { tags, security, body: YaraSourceCheck, response: { 200: YaraSourceCheckResult } },
    },
    async (req) => checkDraft(writer(req), req.body),
  );
  app.get(
    "/api/v1/yara/rules/:id",
    { config: CASE_READERS, schema: { tags, security, params: YaraRuleParams, response: { 200: YaraRule } } },
    async (req) => getRule(reader(req), req.params.id),
  );
  app.patch(
    "/api/v1/yara/rules/:id",
    {
      config: RULE_WRITERS,
      schema: { tags, security, params: YaraRuleParams, body: YaraRulePatch, response: { 200: YaraRule } },
    },
    async (req) => updateRule(writer(req), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/yara/rules/:id",
    { config: RULE_WRITERS, schema: { tags, security, params: YaraRuleParams, querystring: YaraRuleDeleteQuery } },
    async (req, reply) => {
      await deleteRule(writer(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/yara/rules/:id/versions",
    {
      config: CASE_READERS,
      schema: { tags, security, params: YaraRuleParams, response: { 200: YaraRuleVersionList } },
    },
    async (req) => listRuleVersions(reader(req), req.params.id),
  );
  app.get(
    "/api/v1/yara/rules/:id/matches",
    {
      config: CASE_READERS,
      schema: { tags, security, params: YaraRuleParams, querystring: YaraMatchQuery, response: { 200: YaraMatchPage } },
    },
    async (req) => listRuleMatches(reader(req), req.params.id, req.query),
  );

  app.get(
    "/api/v1/yara/status",
    { config: CASE_READERS, schema: { tags, security, response: { 200: YaraScanStatus } } },
    async (req) => getScanStatus(reader(req), deps.config),
  );
  app.post(
    "/api/v1/yara/scan-everything",
    { config: RULE_WRITERS, schema: { tags, security, response: { 202: YaraScanStatus } } },
    async (req, reply) => reply.status(202).send(await scanEverything(writer(req), deps.config)),
  );

  for (const [kind, base] of [
    ["incident", "/api/v1/incidents"],
    ["report", "/api/v1/reports"],
  ] as const) {
    app.get(
      `${base}/:reference/yara`,
      {
        config: CASE_READERS,
        schema: { tags, security, params: IncidentReferenceParams, response: { 200: CaseYara } },
      },
      async (req) => getCaseYara(reader(req), kind, req.params.reference),
    );
  }
}
