import { z } from "zod";
import {
  Collection,
  CollectionAccessPut,
  CollectionCreate,
  CollectionPublish,
  PartnerPut,
  PullResult,
  Subscription,
  SubscriptionCreate,
} from "../../../../contract/exchange.js";
import { ADMINS, CASE_READERS, CASE_WORKERS } from "../../../platform/auth/guard.js";
import type { AppDeps } from "../../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../../platform/http/context.js";
import type { FyrApp } from "../../../platform/http/types.js";
import { createCollection, listCollections, publishIncident, putCollectionAccess, putPartner } from "./taxii-admin.js";
import { createSubscription, listSubscriptions, pullSubscription } from "./subscriptions.js";

const tags = ["exchange"];
const security = STAFF_SECURITY;
const Id = z.object({ id: z.string().uuid() });
const OrgParams = z.object({ organisationId: z.string().uuid() });
const AccessParams = z.object({ id: z.string().uuid(), organisationId: z.string().uuid() });

/**
 * The staff side of TAXII 2.1 (problem+json): partner agreements and collections (admins), publishing an
 * incident into a collection (case workers), and partner collections Fyr pulls (admins).
 */
export function registerTaxiiAdminRoutes(
  app: FyrApp,
  deps: Pick<AppDeps, "db" | "clock" | "config" | "secrets">,
): void {
  app.put(
    "/api/v1/exchange/partners/:organisationId",
    { config: ADMINS, schema: { tags, security, params: OrgParams, body: PartnerPut } },
    async (req, reply) => {
      await putPartner(staffContext(req, deps, ADMINS), req.params.organisationId, req.body);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/exchange/collections",
    { config: CASE_READERS, schema: { tags, security, response: { 200: z.object({ items: z.array(Collection) }) } } },
    async (req) => ({ items: await listCollections(staffContext(req, deps, CASE_READERS)) }),
  );
  app.post(
    "/api/v1/exchange/collections",
    { config: ADMINS, schema: { tags, security, body: CollectionCreate, response: { 201: Collection } } },
    async (req, reply) => reply.status(201).send(await createCollection(staffContext(req, deps, ADMINS), req.body)),
  );
  app.put(
    "/api/v1/exchange/collections/:id/access/:organisationId",
    {
      config: ADMINS,
      schema: { tags, security, params: AccessParams, body: CollectionAccessPut, response: { 200: Collection } },
    },
    async (req) =>
      putCollectionAccess(staffContext(req, deps, ADMINS), req.params.id, req.params.organisationId, req.body),
  );
  app.post(
    "/api/v1/exchange/collections/:id/incidents",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        description:
          "Adds the incident's STIX objects to the collection. What each reader receives is decided at every read (TLP, PAP, consent, audience).",
        params: Id,
        body: CollectionPublish,
        response: { 201: z.object({ objects: z.number(), stored: z.number() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await publishIncident(staffContext(req, deps, CASE_WORKERS), req.params.id, req.body.reference)),
  );
  app.get(
    "/api/v1/exchange/subscriptions",
    { config: ADMINS, schema: { tags, security, response: { 200: z.object({ items: z.array(Subscription) }) } } },
    async (req) => ({ items: await listSubscriptions(staffContext(req, deps, ADMINS)) }),
  );
  app.post(
    "/api/v1/exchange/subscriptions",
    { config: ADMINS, schema: { tags, security, body: SubscriptionCreate, response: { 201: Subscription } } },
    async (req, reply) =>
      reply.status(201).send(await createSubscription(staffContext(req, deps, ADMINS), deps.secrets, req.body)),
  );
  app.post(
    "/api/v1/exchange/subscriptions/:id/pull",
    { config: ADMINS, schema: { tags, security, params: Id, response: { 200: PullResult } } },
    async (req) => {
      const ctx = staffContext(req, deps, ADMINS);
      return pullSubscription(deps, req.params.id, ctx.actor, req.ip);
    },
  );
}
