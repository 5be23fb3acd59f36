import type { FastifyRequest } from "fastify";
import {
  Asn,
  AsnCreate,
  Contact,
  ContactCreate,
  ContactPatch,
  DirectoryExportQuery,
  Domain,
  DomainCreate,
  DoubleClaimList,
  Inhibition,
  InhibitionCreate,
  ListPageQuery,
  MatchBatch,
  MatchBatchResult,
  MatchQuery,
  Network,
  NetworkCreate,
  Organisation,
  OrganisationCreate,
  OrganisationItemParams,
  OrganisationList,
  OrganisationListQuery,
  OrganisationParams,
  OrganisationPatch,
  OwnerMatchList,
  UnverifiedContactList,
  UrlPrefix,
  UrlPrefixCreate,
} from "../../../contract/constituency.js";
import { CONSTITUENCY_EDITOR_ROLES, CONSTITUENCY_READER_ROLES } from "../../../contract/roles.js";
import { allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { exportDirectory } from "./directory-export.js";
import type { HoldingKind } from "./holdings-store.js";
import {
  addAsn,
  addContact,
  addDomain,
  addInhibition,
  addNetwork,
  addUrlPrefix,
  createOrganisation,
  getOrganisation,
  listDoubleClaims,
  listOrganisations,
  listUnverifiedContacts,
  matchOwners,
  matchOwnersBatch,
  removeContact,
  removeHolding,
  removeInhibition,
  updateContact,
  updateOrganisation,
} from "./index.js";
import { assertMatchInput } from "./match-input.js";

const tags = ["constituency"];
const security = STAFF_SECURITY;
/** Every case reader reads the registry; duty officers and admins edit it (contract/roles.ts). */
const READERS = allow(...CONSTITUENCY_READER_ROLES);
const EDITORS = allow(...CONSTITUENCY_EDITOR_ROLES);

/**
 * The constituency registry (/api/v1/organisations/…, /api/v1/constituency/…): organisations and what they
 * own, their contacts and inhibitions, the owner match, staff's follow-up lists and the directory export.
 */
export function registerConstituencyRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, READERS);
  const editor = (req: FastifyRequest) => staffContext(req, deps, EDITORS);

  app.post(
    "/api/v1/organisations",
    { config: EDITORS, schema: { tags, security, body: OrganisationCreate, response: { 201: Organisation } } },
    async (req, reply) => reply.status(201).send(await createOrganisation(editor(req), req.body)),
  );
  app.get(
    "/api/v1/organisations",
    {
      config: READERS,
      schema: { tags, security, querystring: OrganisationListQuery, response: { 200: OrganisationList } },
    },
    async (req) => listOrganisations(reader(req), req.query),
  );
  app.get(
    "/api/v1/organisations/export",
    {
      config: READERS,
      schema: {
        tags,
        security,
        querystring: DirectoryExportQuery,
        description: "The directory: CSV (one row per contact) or vCard 4.0 (one card per contact), streamed.",
      },
    },
    async (req, reply) => sendDownload(reply, exportDirectory(reader(req), req.query.format)),
  );
  app.get(
    "/api/v1/organisations/:id",
    { config: READERS, schema: { tags, security, params: OrganisationParams, response: { 200: Organisation } } },
    async (req) => getOrganisation(reader(req), req.params.id),
  );
  app.patch(
    "/api/v1/organisations/:id",
    {
      config: EDITORS,
      schema: { tags, security, params: OrganisationParams, body: OrganisationPatch, response: { 200: Organisation } },
    },
    async (req) => updateOrganisation(editor(req), req.params.id, req.body),
  );

  // What an organisation owns: one collection per kind, each item added (201) and removed (204) alone.
  const itemSchema = { tags, security, params: OrganisationParams };
  app.post(
    "/api/v1/organisations/:id/networks",
    { config: EDITORS, schema: { ...itemSchema, body: NetworkCreate, response: { 201: Network } } },
    async (req, reply) => reply.status(201).send(await addNetwork(editor(req), req.params.id, req.body.network)),
  );
  app.post(
    "/api/v1/organisations/:id/asns",
    { config: EDITORS, schema: { ...itemSchema, body: AsnCreate, response: { 201: Asn } } },
    async (req, reply) => reply.status(201).send(await addAsn(editor(req), req.params.id, req.body.asn)),
  );
  app.post(
    "/api/v1/organisations/:id/domains",
    { config: EDITORS, schema: { ...itemSchema, body: DomainCreate, response: { 201: Domain } } },
    async (req, reply) => reply.status(201).send(await addDomain(editor(req), req.params.id, req.body.domain)),
  );
  app.post(
    "/api/v1/organisations/:id/url-prefixes",
    { config: EDITORS, schema: { ...itemSchema, body: UrlPrefixCreate, response: { 201: UrlPrefix } } },
    async (req, reply) => reply.status(201).send(await addUrlPrefix(editor(req), req.params.id, req.body.prefix)),
  );
  for (const [path, kind] of [
    ["networks", "network"],
    ["asns", "asn"],
    ["domains", "domain"],
    ["url-prefixes", "urlPrefix"],
  ] as const satisfies readonly (readonly [string, HoldingKind])[]) {
    app.delete(
      `/api/v1/organisations/:id/${path}/:itemId`,
      { config: EDITORS, schema: { tags, security, params: OrganisationItemParams } },
      async (req, reply) => {
        await removeHolding(editor(req), req.params.id, kind, req.params.itemId);
        return reply.status(204).send();
      },
    );
  }

  app.post(
    "/api/v1/organisations/:id/contacts",
    {
      config: EDITORS,
      schema: { tags, security, params: OrganisationParams, body: ContactCreate, response: { 201: Contact } },
    },
    async (req, reply) => reply.status(201).send(await addContact(editor(req), req.params.id, req.body)),
  );
  app.patch(
    "/api/v1/organisations/:id/contacts/:itemId",
    {
      config: EDITORS,
      schema: { tags, security, params: OrganisationItemParams, body: ContactPatch, response: { 200: Contact } },
    },
    async (req) => updateContact(editor(req), req.params.id, req.params.itemId, req.body),
  );
  app.delete(
    "/api/v1/organisations/:id/contacts/:itemId",
    { config: EDITORS, schema: { tags, security, params: OrganisationItemParams } },
    async (req, reply) => {
      await removeContact(editor(req), req.params.id, req.params.itemId);
      return reply.status(204).send();
    },
  );
  app.post(
    "/api/v1/organisations/:id/inhibitions",
    {
      config: EDITORS,
      schema: { tags, security, params: OrganisationParams, body: InhibitionCreate, response: { 201: Inhibition } },
    },
    async (req, reply) => reply.status(201).send(await addInhibition(editor(req), req.params.id, req.body)),
  );
  app.delete(
    "/api/v1/organisations/:id/inhibitions/:itemId",
    { config: EDITORS, schema: { tags, security, params: OrganisationItemParams } },
    async (req, reply) => {
      await removeInhibition(editor(req), req.params.id, req.params.itemId);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/constituency/match",
    {
      config: READERS,
      schema: {
        tags,
        security,
        querystring: MatchQuery,
        response: { 200: OwnerMatchList },
        description:
          "Who owns an address, domain, AS number or URL: most specific first (a URL prefix, networks by " +
          "longest prefix, domains by longest suffix, AS numbers), with the inhibitions that hold; `type=` " +
          "(an RSIT type) answers `inhibited`.",
      },
    },
    async (req) => {
      const { type, ...value } = req.query;
      assertMatchInput([{ value, at: "query" }], { value: type, path: "query.type" });
      return { items: await matchOwners(reader(req), value, { type }) };
    },
  );
  app.post(
    "/api/v1/constituency/match",
    {
      config: READERS,
      schema: {
        tags,
        security,
        body: MatchBatch,
        response: { 200: MatchBatchResult },
        description: "matchOwners for up to 10,000 values at once; one answer per value, in order.",
      },
    },
    async (req) => {
      assertMatchInput(
        req.body.values.map((value, i) => ({ value, at: `body.values.${i}` })),
        { value: req.body.type, path: "body.type" },
      );
      const answers = await matchOwnersBatch(reader(req), req.body.values, { type: req.body.type });
      return { items: answers.map((items) => ({ items })) };
    },
  );
  app.get(
    "/api/v1/constituency/double-claims",
    { config: READERS, schema: { tags, security, querystring: ListPageQuery, response: { 200: DoubleClaimList } } },
    async (req) => listDoubleClaims(reader(req), req.query),
  );
  app.get(
    "/api/v1/constituency/unverified-contacts",
    {
      config: READERS,
      schema: { tags, security, querystring: ListPageQuery, response: { 200: UnverifiedContactList } },
    },
    async (req) => listUnverifiedContacts(reader(req), req.query),
  );
}
