import type { IncidentDetail, UserRef } from "../../../contract/incidents.js";
import type { ConsentLevel } from "../../../contract/intake.js";
import type { SharingConsent } from "../../platform/db/tables/intake.js";
import type { IncidentRecord } from "./incident-store.js";
import type { ConsentRow, LinkedReportRow } from "./linked-reports-store.js";
import { incidentClock } from "./sla.js";
import { nextStatuses } from "./transitions.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

const CONSENT_ORDER: readonly SharingConsent[] = ["none", "affected-organisations", "third-parties"];

/**
 * The most restrictive answer to one consent question over the linked reports. Null only when no
 * reporter answered; a reporter who did not answer gave no consent, so beside answers it counts as "none".
 */
export function strictestConsent(values: readonly (SharingConsent | null)[]): ConsentLevel | null {
  if (values.every((v) => v === null)) return null;
  if (values.some((v) => v === null)) return "none";
  let strictest: SharingConsent = "third-parties";
  for (const v of values) if (v !== null && CONSENT_ORDER.indexOf(v) < CONSENT_ORDER.indexOf(strictest)) strictest = v;
  return strictest;
}

/** The sharing consent of an incident: per question, the most restrictive of its reports. */
export function sharingConsentOf(rows: readonly ConsentRow[]): IncidentDetail["sharingConsent"] {
  return {
    information: strictestConsent(rows.map((r) => r.sharing_information)),
    data: strictestConsent(rows.map((r) => r.sharing_data)),
    logs: strictestConsent(rows.map((r) => r.sharing_logs)),
  };
}

/** Everything the detail shows beyond the incident row itself. */
export interface IncidentDerived {
  assignee: UserRef | null;
  members: UserRef[];
  reports: LinkedReportRow[];
  consents: ConsentRow[];
  nis2: IncidentDetail["nis2"];
  firstCertMessageAt: Date | null;
  canEdit: boolean;
  now: Date;
}

/** The earlier of two optional times. */
function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/** The earliest of some optional times (null when there is none). */
function earliestOf(times: readonly (Date | null)[]): Date | null {
  return times.reduce<Date | null>(earliest, null);
}

/** An incident as the API answers it. */
export function presentIncident(row: IncidentRecord, d: IncidentDerived): IncidentDetail {
  const classification =
    row.rsit_class !== null && row.rsit_type !== null ? { class: row.rsit_class, type: row.rsit_type } : null;
  return {
    reference: row.reference,
    version: row.version,
    title: row.title,
    status: row.status,
    severity: row.severity,
    classification,
    taxonomyVersion: classification ? row.rsit_version : null,
    sectors: row.sectors,
    affectedOrganisations: row.affected_organisations,
    tlp: row.tlp,
    pap: row.pap,
    assignee: d.assignee,
    members: d.members,
    resolution: row.resolution,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...incidentClock(row, d.now),
    reports: d.reports.map((r) => ({
      reference: r.reference,
      summary: r.summary,
      organisationName: r.organisation_name,
      receivedAt: r.received_at.toISOString(),
      linkedAt: r.linked_at.toISOString(),
      tlp: r.tlp,
      reporterEmail: r.reporter_email,
      language: r.language,
    })),
    policeReports: d.reports.flatMap((r) =>
      r.police_report_status
        ? [{ report: r.reference, status: r.police_report_status, reference: r.police_report_reference }]
        : [],
    ),
    sharingConsent: sharingConsentOf(d.consents),
    nis2: d.nis2,
    // Over the reports this viewer sees, not the stored KPIs (which count every linked report): an
    // earlier time than any visible report would tell of a TLP:RED report they may not know of.
    kpis: {
      reportedAt: iso(earliestOf(d.reports.map((r) => r.received_at))),
      acknowledgedAt: iso(earliestOf(d.reports.map((r) => r.acknowledged_at))),
      // The first word to a reporter (on any linked report) or the incident's own first reply.
      firstResponseAt: iso(earliest(row.first_response_at, d.firstCertMessageAt)),
      containedAt: iso(row.contained_at),
      resolvedAt: iso(row.resolved_at),
    },
    canEdit: d.canEdit,
    nextStatuses: [...nextStatuses(row.status)],
  };
}
