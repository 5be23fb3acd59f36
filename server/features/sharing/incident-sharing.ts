import type { PapLabel } from "../../../contract/incidents.js";
import type { Db } from "../../platform/db/connect.js";
import type { SharingConsent, TlpLabel } from "../../platform/db/tables/intake.js";
import { strictestTlp } from "../../platform/tlp.js";
import {
  type Audience,
  type ConsentQuestion,
  type Material,
  type MaterialConsent,
  type MaterialKind,
  type ShareDecision,
  consentQuestionsFor,
  decideSharing,
} from "./decision.js";
import {
  type SharingReportRow,
  type SharingSightingRow,
  selectAffectedOrganisations,
  selectImportedTlps,
  selectNamedRecipients,
  selectSharingIncidents,
  selectSharingReports,
  selectSharingSightings,
} from "./sharing-store.js";

/**
 * An incident as the sharing decision sees it, loaded once: ask it about the incident as a whole, its
 * notes, its files and each of its values, for any audience. The material's TLP is the strictest of
 * the incident's and its source reports'; its consent the strictest of the reports it came from.
 */
export interface IncidentSharing {
  id: string;
  reference: string;
  tlp: TlpLabel;
  pap: PapLabel;
  /** Material of one kind that is about the whole incident (the incident, a note, a file). */
  material(kind: Exclude<MaterialKind, "observable">): Material;
  /** One of its values, by observable id; the whole-incident rule when the value has no sighting. */
  observable(observableId: number): Material;
  /** decideSharing for material of this incident. */
  decide(material: Material, audience: Audience): ShareDecision;
}

const ATTACHMENT_ORIGINS = new Set(["report-attachment", "incident-attachment"]);
const CONSENT_ORDER: readonly SharingConsent[] = ["none", "affected-organisations", "third-parties"];

function answerOf(report: SharingReportRow, question: ConsentQuestion): SharingConsent | null {
  switch (question) {
    case "information":
      return report.sharing_information;
    case "data":
      return report.sharing_data;
    case "logs":
      return report.sharing_logs;
  }
}

/**
 * The most restrictive answer of these reports to one question. No reports: nobody to ask. A report
 * that did not answer gave no consent ("none"): silence is never consent.
 */
export function strictestAnswer(reports: readonly SharingReportRow[], question: ConsentQuestion): MaterialConsent {
  if (reports.length === 0) return "not-applicable";
  let strictest: SharingConsent = "third-parties";
  for (const r of reports) {
    const a = answerOf(r, question) ?? "none";
    if (CONSENT_ORDER.indexOf(a) < CONSENT_ORDER.indexOf(strictest)) strictest = a;
  }
  return strictest;
}

function buildMaterial(
  kind: MaterialKind,
  base: { tlp: TlpLabel; pap: PapLabel; named: string[]; affected: string[] },
  sources: readonly SharingReportRow[],
  fromAttachmentsOnly: boolean,
  importedTlps: readonly TlpLabel[] = [],
): Material {
  const consent: Partial<Record<ConsentQuestion, MaterialConsent>> = {};
  for (const q of consentQuestionsFor(kind, fromAttachmentsOnly)) consent[q] = strictestAnswer(sources, q);
  return {
    kind,
    tlp: strictestTlp([base.tlp, ...sources.map((r) => r.tlp), ...importedTlps]) ?? base.tlp,
    pap: base.pap,
    consent,
    namedRecipients: base.named,
    affectedOrganisations: base.affected,
  };
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * Loads the sharing facts of many incidents in six queries (a TAXII page, a feed of thousands of
 * events). Incidents that do not exist are absent from the map.
 */
export async function loadIncidentSharing(
  db: Db,
  by: { ids: readonly string[] } | { references: readonly string[] },
): Promise<Map<string, IncidentSharing>> {
  const incidents = await selectSharingIncidents(db, by);
  const ids = incidents.map((i) => i.id);
  const [reports, affected, named, sightings, imported] = await Promise.all([
    selectSharingReports(db, ids),
    selectAffectedOrganisations(db, ids),
    selectNamedRecipients(db, ids),
    selectSharingSightings(db, ids),
    selectImportedTlps(db, ids),
  ]);
  const importedBy = groupBy(imported, (r) => `${r.incident_id} ${r.observable_id}`);
  const reportsBy = groupBy(reports, (r) => r.incident_id);
  const affectedBy = groupBy(affected, (r) => r.incident_id);
  const namedBy = groupBy(named, (r) => r.incident_id);
  const sightingsBy = groupBy(sightings, (r) => r.incident_id);
  const out = new Map<string, IncidentSharing>();
  for (const incident of incidents) {
    const linked = reportsBy.get(incident.id) ?? [];
    const base = {
      tlp: incident.tlp,
      pap: incident.pap,
      named: (namedBy.get(incident.id) ?? []).map((r) => r.organisation_id),
      affected: (affectedBy.get(incident.id) ?? []).map((r) => r.organisation_id),
    };
    const byValue = groupBy(sightingsBy.get(incident.id) ?? [], (s) => s.observable_id);
    const reportById = new Map(linked.map((r) => [r.report_id, r]));
    const sharing: IncidentSharing = {
      id: incident.id,
      reference: incident.reference,
      tlp: incident.tlp,
      pap: incident.pap,
      material: (kind) => buildMaterial(kind, base, linked, false),
      observable: (observableId) =>
        observableMaterial(
          base,
          linked,
          reportById,
          byValue.get(observableId) ?? [],
          (importedBy.get(`${incident.id} ${observableId}`) ?? []).map((r) => r.tlp),
        ),
      decide: decideSharing,
    };
    out.set(incident.id, sharing);
    out.set(incident.reference, sharing);
  }
  return out;
}

/**
 * A value's material: its sources are the linked reports it was seen in; a value seen only in the
 * incident itself (a note, by hand, a MISP import) came from the case as a whole, so every linked report binds it;
 * an imported value is also no wider than the TLP its MISP event or attribute carried.
 */
function observableMaterial(
  base: { tlp: TlpLabel; pap: PapLabel; named: string[]; affected: string[] },
  linked: readonly SharingReportRow[],
  reportById: ReadonlyMap<string, SharingReportRow>,
  seen: readonly SharingSightingRow[],
  importedTlps: readonly TlpLabel[],
): Material {
  const fromReports = new Set(seen.flatMap((s) => (s.report_id === null ? [] : [s.report_id])));
  const sources =
    fromReports.size > 0 && seen.every((s) => s.report_id !== null)
      ? [...fromReports].flatMap((id) => reportById.get(id) ?? [])
      : linked;
  const fromAttachmentsOnly = seen.length > 0 && seen.every((s) => ATTACHMENT_ORIGINS.has(s.origin));
  return buildMaterial("observable", base, sources, fromAttachmentsOnly, importedTlps);
}

/** One incident's sharing facts by reference, or null when there is no such incident. */
export async function loadOneIncidentSharing(db: Db, reference: string): Promise<IncidentSharing | null> {
  return (await loadIncidentSharing(db, { references: [reference] })).get(reference) ?? null;
}
