import type { FastifyRequest } from "fastify";
import {
  CveParams,
  DailyDiff,
  DailyDiffQuery,
  KnownProductList,
  KnownProductQuery,
  OrganisationProduct,
  OrganisationProductCreate,
  OrganisationProductParams,
  OrganisationProducts,
  PullStatus,
  Vulnerability,
  VulnerabilityList,
  VulnerabilityListQuery,
} from "../../../contract/vulnerabilities.js";
import { OrganisationParams } from "../../../contract/constituency.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import {
  addOrganisationProduct,
  listOrganisationProducts,
  removeOrganisationProduct,
  searchProducts,
} from "./products.js";
import { listPulls } from "./pulls.js";
import { dailyDiff, getVulnerability, listVulnerabilities } from "./read-vulnerabilities.js";

const tags = ["vulnerabilities"];
const security = STAFF_SECURITY;

/**
 * Vulnerabilities (/api/v1/vulnerabilities…) and organisations' declared products
 * (/api/v1/organisations/{id}/products): staff readers read, duty and analysts declare.
 */
export function registerVulnerabilityRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const worker = (req: FastifyRequest) => staffContext(req, deps, CASE_WORKERS);

  app.get(
    "/api/v1/vulnerabilities",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: VulnerabilityListQuery, response: { 200: VulnerabilityList } },
    },
    async (req) => listVulnerabilities(reader(req), req.query),
  );
  app.get(
    "/api/v1/vulnerabilities/daily",
    { config: CASE_READERS, schema: { tags, security, querystring: DailyDiffQuery, response: { 200: DailyDiff } } },
    async (req) => dailyDiff(reader(req), req.query),
  );
  app.get(
    "/api/v1/vulnerabilities/products",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: KnownProductQuery, response: { 200: KnownProductList } },
    },
    async (req) => searchProducts(reader(req), req.query.q),
  );
  app.get(
    "/api/v1/vulnerabilities/pulls",
    { config: CASE_READERS, schema: { tags, security, response: { 200: PullStatus } } },
    async (req) => listPulls(reader(req)),
  );
  app.get(
    "/api/v1/vulnerabilities/:cve",
    { config: CASE_READERS, schema: { tags, security, params: CveParams, response: { 200: Vulnerability } } },
    async (req) => getVulnerability(reader(req), req.params.cve),
  );

  app.get(
    "/api/v1/organisations/:id/products",
    {
      config: CASE_READERS,
      schema: { tags, security, params: OrganisationParams, response: { 200: OrganisationProducts } },
    },
    async (req) => listOrganisationProducts(reader(req), req.params.id),
  );
  app.post(
    "/api/v1/organisations/:id/products",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: OrganisationParams,
        body: OrganisationProductCreate,
        response: { 201: OrganisationProduct },
      },
    },
    async (req, reply) => reply.status(201).send(await addOrganisationProduct(worker(req), req.params.id, req.body)),
  );
  app.delete(
    "/api/v1/organisations/:id/products/:productId",
    { config: CASE_WORKERS, schema: { tags, security, params: OrganisationProductParams } },
    async (req, reply) => {
      await removeOrganisationProduct(worker(req), req.params.id, req.params.productId);
      return reply.status(204).send();
    },
  );
}
