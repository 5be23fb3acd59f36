import { z } from "zod";
import { MatchedBy, OrganisationRef } from "./constituency.js";
import { INCIDENT_REFERENCE_MAX, IncidentStatus, Severity, UserRef } from "./incidents.js";
import { TlpLabel } from "./intake.js";
import { ObservableType } from "./observables.js";

// Incidents get real organisations (issue 14): the registry organisations an incident affects, and the
// ones Fyr suggests from the owners of the incident's values (GET /api/v1/incidents/{reference}/organisations).
// The incident's free-text `affectedOrganisations` stays, for whoever is not in the registry.

export const IncidentOrganisationSource = z.enum(["suggested", "manual"]);
export type IncidentOrganisationSource = z.infer<typeof IncidentOrganisationSource>;

export const IncidentOrganisationParams = z.object({
  reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX),
  organisationId: z.uuid(),
});

/** Link an organisation by hand (picked from the directory). */
export const IncidentOrganisationAdd = z.object({ organisationId: z.uuid() }).strict();
export type IncidentOrganisationAdd = z.infer<typeof IncidentOrganisationAdd>;

/** An organisation linked to the incident: accepted from a suggestion, or picked by hand. */
export const IncidentOrganisationLink = z.object({
  organisation: OrganisationRef,
  source: IncidentOrganisationSource,
  addedBy: UserRef.nullable(),
  addedAt: z.string(),
});
export type IncidentOrganisationLink = z.infer<typeof IncidentOrganisationLink>;

/** One of the incident's values an organisation owns, and why (the owner match's answer). */
export const SuggestionReason = z.object({
  type: ObservableType,
  value: z.string(),
  matchedBy: MatchedBy,
  /** The network, domain, AS number or URL prefix that matched. */
  match: z.string(),
});
export type SuggestionReason = z.infer<typeof SuggestionReason>;

/** An organisation owning values of the incident, not linked nor dismissed yet. */
export const OrganisationSuggestion = z.object({
  organisation: OrganisationRef,
  /** At most five of the values, most specific match first. */
  because: z.array(SuggestionReason),
  /** How many of the incident's values it owns. */
  values: z.number().int(),
});
export type OrganisationSuggestion = z.infer<typeof OrganisationSuggestion>;

/**
 * The incident's organisations as the caller may see them. Suggestions come from the values the caller
 * sees in the incident (its own and those of the linked reports they may see), so they never tell of a
 * report TLP hides from them.
 */
export const IncidentOrganisations = z.object({
  items: z.array(IncidentOrganisationLink),
  suggestions: z.array(OrganisationSuggestion),
  /** Suggestions someone set aside: not offered again (removing the dismissal offers them again). */
  dismissed: z.array(IncidentOrganisationLink),
  /** The incident has more values than suggestions were computed from. */
  truncated: z.boolean(),
  canEdit: z.boolean(),
});
export type IncidentOrganisations = z.infer<typeof IncidentOrganisations>;

/** An organisation's page lists the incidents linked to it (GET /api/v1/organisations/{id}/incidents). */
export const OrganisationIncidentsParams = z.object({ id: z.uuid() });
export const OrganisationIncidentsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type OrganisationIncidentsQuery = z.infer<typeof OrganisationIncidentsQuery>;

export const OrganisationIncident = z.object({
  reference: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: Severity,
  tlp: TlpLabel,
  source: IncidentOrganisationSource,
  updatedAt: z.string(),
});
export type OrganisationIncident = z.infer<typeof OrganisationIncident>;

/**
 * The newest incidents linked to the organisation that the caller may see (TLP: a TLP:RED incident they
 * are not on is neither listed nor counted); `total` counts those, `items` holds the newest `limit`.
 */
export const OrganisationIncidents = z.object({ items: z.array(OrganisationIncident), total: z.number().int() });
export type OrganisationIncidents = z.infer<typeof OrganisationIncidents>;
