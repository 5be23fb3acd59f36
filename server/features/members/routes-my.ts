import type { FastifyRequest } from "fastify";
import {
  ChangeRequest,
  ChangeRequestCreate,
  ChangeRequestList,
  ChangeRequestParams,
  ChangeRequestQuery,
  MyOrganisation,
  MyOrganisationParams,
  MyOrganisationTree,
} from "../../../contract/members.js";
import { MEMBERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getMyChangeRequest, listMyChangeRequests, requestChange } from "./change-requests.js";
import { getMyOrganisation, getMyOrganisationTree } from "./my-organisation.js";
import { asMember } from "./policy.js";

const tags = ["member API"];
const security = STAFF_SECURITY;

/**
 * The member API (/api/v1/my/…), served where the public role runs: a member's organisation and their
 * change requests, by session or by the member's own API token (made at /api/v1/auth/tokens). Everything
 * is read through members/policy.ts.
 */
export function registerMemberApiRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const member = (req: FastifyRequest) => asMember(staffContext(req, deps, MEMBERS));

  app.get(
    "/api/v1/my/organisation",
    { config: MEMBERS, schema: { tags, security, response: { 200: MyOrganisationTree } } },
    async (req) => getMyOrganisationTree(member(req)),
  );
  app.get(
    "/api/v1/my/organisations/:id",
    { config: MEMBERS, schema: { tags, security, params: MyOrganisationParams, response: { 200: MyOrganisation } } },
    async (req) => getMyOrganisation(member(req), req.params.id),
  );
  app.get(
    "/api/v1/my/change-requests",
    {
      config: MEMBERS,
      schema: { tags, security, querystring: ChangeRequestQuery, response: { 200: ChangeRequestList } },
    },
    async (req) => listMyChangeRequests(member(req), req.query),
  );
  app.post(
    "/api/v1/my/change-requests",
    { config: MEMBERS, schema: { tags, security, body: ChangeRequestCreate, response: { 201: ChangeRequest } } },
    async (req, reply) => reply.status(201).send(await requestChange(member(req), req.body)),
  );
  app.get(
    "/api/v1/my/change-requests/:id",
    { config: MEMBERS, schema: { tags, security, params: ChangeRequestParams, response: { 200: ChangeRequest } } },
    async (req) => getMyChangeRequest(member(req), req.params.id),
  );
}
