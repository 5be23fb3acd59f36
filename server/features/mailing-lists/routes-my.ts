import type { FastifyRequest } from "fastify";
import {
  ListParams,
  MyListList,
  OrganisationSubscription,
  OrganisationSubscriptionInput,
} from "../../../contract/mailing-lists.js";
import { MEMBERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { listMyLists, subscribeMyOrganisation, unsubscribeMyOrganisation } from "./organisations.js";

const tags = ["member API"];
const security = STAFF_SECURITY;

/** The member API's lists (/api/v1/my/lists…): a member puts their own organisation's contacts on a list. */
export function registerListMemberRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const member = (req: FastifyRequest) => staffContext(req, deps, MEMBERS);
  app.get(
    "/api/v1/my/lists",
    { config: MEMBERS, schema: { tags, security, response: { 200: MyListList } } },
    async (req) => listMyLists(member(req)),
  );
  app.put(
    "/api/v1/my/lists/:list",
    {
      config: MEMBERS,
      schema: {
        tags,
        security,
        params: ListParams,
        body: OrganisationSubscriptionInput,
        response: { 200: OrganisationSubscription },
      },
    },
    async (req) => subscribeMyOrganisation(member(req), req.params.list, req.body),
  );
  app.delete(
    "/api/v1/my/lists/:list",
    { config: MEMBERS, schema: { tags, security, params: ListParams } },
    async (req, reply) => {
      await unsubscribeMyOrganisation(member(req), req.params.list);
      return reply.status(204).send();
    },
  );
}
