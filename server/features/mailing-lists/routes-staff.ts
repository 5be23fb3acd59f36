import type { FastifyRequest } from "fastify";
import {
  Campaign,
  CampaignList,
  CampaignParams,
  CampaignQuery,
  ListParams,
  MailingListList,
  OrganisationSubscription,
  OrganisationSubscriptionInput,
  OrganisationSubscriptionList,
  OrganisationSubscriptionParams,
  SubscriberList,
  SubscriberParams,
  SubscriberQuery,
} from "../../../contract/mailing-lists.js";
import { LIST_MANAGER_ROLES } from "../../../contract/roles.js";
import { ADMINS, allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getCampaign, listCampaigns, pauseCampaign, resumeCampaign } from "./campaigns.js";
import { listOrganisationSubscriptions, subscribeOrganisation, unsubscribeOrganisation } from "./organisations.js";
import { listMailingLists, listSubscribers, removeSubscriber } from "./subscribers.js";

const tags = ["mailing lists"];
const security = STAFF_SECURITY;
/** Publishers and duty officers (and admins) manage lists (contract/roles.ts). */
const MANAGERS = allow(...LIST_MANAGER_ROLES);

/** The lists for staff (/api/v1/lists…): lists, subscribers, organisations on lists, campaigns. */
export function registerListStaffRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const manager = (req: FastifyRequest) => staffContext(req, deps, MANAGERS);

  app.get(
    "/api/v1/lists",
    { config: MANAGERS, schema: { tags, security, response: { 200: MailingListList } } },
    async (req) => listMailingLists(manager(req)),
  );
  app.get(
    "/api/v1/lists/campaigns",
    { config: MANAGERS, schema: { tags, security, querystring: CampaignQuery, response: { 200: CampaignList } } },
    async (req) => listCampaigns(manager(req), req.query),
  );
  app.get(
    "/api/v1/lists/campaigns/:id",
    { config: MANAGERS, schema: { tags, security, params: CampaignParams, response: { 200: Campaign } } },
    async (req) => getCampaign(manager(req), req.params.id),
  );
  app.post(
    "/api/v1/lists/campaigns/:id/pause",
    { config: ADMINS, schema: { tags, security, params: CampaignParams, response: { 200: Campaign } } },
    async (req) => pauseCampaign(staffContext(req, deps, ADMINS), req.params.id),
  );
  app.post(
    "/api/v1/lists/campaigns/:id/resume",
    { config: ADMINS, schema: { tags, security, params: CampaignParams, response: { 200: Campaign } } },
    async (req) => resumeCampaign(staffContext(req, deps, ADMINS), req.params.id),
  );
  app.get(
    "/api/v1/lists/:list/subscribers",
    {
      config: MANAGERS,
      schema: { tags, security, params: ListParams, querystring: SubscriberQuery, response: { 200: SubscriberList } },
    },
    async (req) => listSubscribers(manager(req), req.params.list, req.query),
  );
  app.delete(
    "/api/v1/lists/:list/subscribers/:id",
    { config: MANAGERS, schema: { tags, security, params: SubscriberParams } },
    async (req, reply) => {
      await removeSubscriber(manager(req), req.params.list, req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/lists/:list/organisations",
    {
      config: MANAGERS,
      schema: { tags, security, params: ListParams, response: { 200: OrganisationSubscriptionList } },
    },
    async (req) => listOrganisationSubscriptions(manager(req), req.params.list),
  );
  app.put(
    "/api/v1/lists/:list/organisations/:organisationId",
    {
      config: MANAGERS,
      schema: {
        tags,
        security,
        params: OrganisationSubscriptionParams,
        body: OrganisationSubscriptionInput,
        response: { 200: OrganisationSubscription },
      },
    },
    async (req) => subscribeOrganisation(manager(req), req.params.list, req.params.organisationId, req.body),
  );
  app.delete(
    "/api/v1/lists/:list/organisations/:organisationId",
    { config: MANAGERS, schema: { tags, security, params: OrganisationSubscriptionParams } },
    async (req, reply) => {
      await unsubscribeOrganisation(manager(req), req.params.list, req.params.organisationId);
      return reply.status(204).send();
    },
  );
}
