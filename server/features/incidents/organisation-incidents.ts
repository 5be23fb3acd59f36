import type { OrganisationIncidents, OrganisationIncidentsQuery } from "../../../contract/incident-organisations.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { incidentVisibleSql, readsCases } from "../../platform/tlp.js";
import { selectOrganisationIncidents, selectOrganisationName } from "./organisations-store.js";

/**
 * An organisation's incidents, for its page in the directory: those linked to it, through the incidents'
 * own TLP policy (incidentVisibleSql), so a TLP:RED incident the reader is not on is neither listed nor
 * counted. An unknown organisation is 404.
 */
export async function listOrganisationIncidents(
  ctx: ServiceContext,
  organisationId: string,
  query: OrganisationIncidentsQuery,
): Promise<OrganisationIncidents> {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  if ((await selectOrganisationName(ctx.db, organisationId)) === undefined)
    throw notFound("organisation_not_found", "No organisation with this id");
  const { rows, total } = await selectOrganisationIncidents(
    ctx.db,
    organisationId,
    incidentVisibleSql(actor, "i"),
    query.limit,
  );
  return {
    items: rows.map((r) => ({
      reference: r.reference,
      title: r.title,
      status: r.status,
      severity: r.severity,
      tlp: r.tlp,
      source: r.source,
      updatedAt: r.updated_at.toISOString(),
    })),
    total,
  };
}
