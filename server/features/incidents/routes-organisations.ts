import type { FastifyRequest } from "fastify";
import {
  IncidentOrganisationAdd,
  IncidentOrganisationParams,
  IncidentOrganisations,
  OrganisationIncidents,
  OrganisationIncidentsParams,
  OrganisationIncidentsQuery,
} from "../../../contract/incident-organisations.js";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { listOrganisationIncidents } from "./organisation-incidents.js";
import {
  acceptOrganisationSuggestion,
  addIncidentOrganisation,
  dismissOrganisationSuggestion,
  getIncidentOrganisations,
  removeIncidentOrganisation,
} from "./organisations.js";

const tags = ["incidents"];
const security = STAFF_SECURITY;

/**
 * The registry organisations an incident affects (/api/v1/incidents/{reference}/organisations): the
 * links, Fyr's suggestions from the owners of the incident's values, and the suggestions set aside.
 * Every write answers the whole list again, suggestions recomputed. The other way round,
 * /api/v1/organisations/{id}/incidents lists an organisation's incidents for its page.
 */
export function registerIncidentOrganisationRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const answer = { response: { 200: IncidentOrganisations } };

  app.get(
    "/api/v1/incidents/:reference/organisations",
    { config: CASE_READERS, schema: { tags, security, params: IncidentReferenceParams, ...answer } },
    async (req) => getIncidentOrganisations(ctx(req), req.params.reference),
  );

  app.post(
    "/api/v1/incidents/:reference/organisations",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: IncidentOrganisationAdd, ...answer },
    },
    async (req) => addIncidentOrganisation(ctx(req), req.params.reference, req.body.organisationId),
  );

  app.post(
    "/api/v1/incidents/:reference/organisations/:organisationId/accept",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentOrganisationParams, ...answer } },
    async (req) => acceptOrganisationSuggestion(ctx(req), req.params.reference, req.params.organisationId),
  );

  app.post(
    "/api/v1/incidents/:reference/organisations/:organisationId/dismiss",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentOrganisationParams, ...answer } },
    async (req) => dismissOrganisationSuggestion(ctx(req), req.params.reference, req.params.organisationId),
  );

  app.delete(
    "/api/v1/incidents/:reference/organisations/:organisationId",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentOrganisationParams, ...answer } },
    async (req) => removeIncidentOrganisation(ctx(req), req.params.reference, req.params.organisationId),
  );

  app.get(
    "/api/v1/organisations/:id/incidents",
    {
      config: CASE_READERS,
      schema: {
        tags,
        security,
        params: OrganisationIncidentsParams,
        querystring: OrganisationIncidentsQuery,
        response: { 200: OrganisationIncidents },
      },
    },
    async (req) => listOrganisationIncidents(ctx(req), req.params.id, req.query),
  );
}
