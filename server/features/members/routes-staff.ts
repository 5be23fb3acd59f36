import type { FastifyRequest } from "fastify";
import { OrganisationParams } from "../../../contract/constituency.js";
import {
  ChangeRequest,
  ChangeRequestDecision,
  ChangeRequestList,
  ChangeRequestParams,
  ChangeRequestQuery,
  Member,
  MemberInvite,
  MemberList,
  MemberParams,
} from "../../../contract/members.js";
import { CONSTITUENCY_EDITOR_ROLES, CONSTITUENCY_READER_ROLES } from "../../../contract/roles.js";
import { allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { approveChangeRequest, listChangeRequests, rejectChangeRequest } from "./change-requests.js";
import { endMembership, inviteMember, listMembers } from "./members.js";

const tags = ["members"];
const security = STAFF_SECURITY;
/** Who sees members and change requests: the registry's readers (contract/roles.ts). */
const READERS = allow(...CONSTITUENCY_READER_ROLES);
/** Who invites, ends access and decides change requests: the registry's editors. */
const EDITORS = allow(...CONSTITUENCY_EDITOR_ROLES);

/** Staff: an organisation's members (/api/v1/organisations/{id}/members) and change requests. */
export function registerMemberStaffRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, READERS);
  const editor = (req: FastifyRequest) => staffContext(req, deps, EDITORS);

  app.get(
    "/api/v1/organisations/:id/members",
    { config: READERS, schema: { tags, security, params: OrganisationParams, response: { 200: MemberList } } },
    async (req) => listMembers(reader(req), req.params.id),
  );
  app.post(
    "/api/v1/organisations/:id/members",
    {
      config: EDITORS,
      schema: { tags, security, params: OrganisationParams, body: MemberInvite, response: { 201: Member } },
    },
    async (req, reply) => reply.status(201).send(await inviteMember(editor(req), deps.config, req.params.id, req.body)),
  );
  app.delete(
    "/api/v1/organisations/:id/members/:userId",
    { config: EDITORS, schema: { tags, security, params: MemberParams, response: { 200: Member } } },
    async (req) => endMembership(editor(req), req.params.id, req.params.userId),
  );

  app.get(
    "/api/v1/change-requests",
    {
      config: READERS,
      schema: { tags, security, querystring: ChangeRequestQuery, response: { 200: ChangeRequestList } },
    },
    async (req) => listChangeRequests(reader(req), req.query),
  );
  for (const [verb, decide] of [
    ["approve", approveChangeRequest],
    ["reject", rejectChangeRequest],
  ] as const) {
    app.post(
      `/api/v1/change-requests/:id/${verb}`,
      {
        config: EDITORS,
        schema: {
          tags,
          security,
          params: ChangeRequestParams,
          body: ChangeRequestDecision.nullish(),
          response: { 200: ChangeRequest },
        },
      },
      async (req) => decide(editor(req), req.params.id, req.body ?? {}),
    );
  }
}
