import type { DraftField, ReportDraft } from "./draft.js";

/** What every group of report fields receives: the draft, a setter, and worded errors per field. */
export interface DraftProps {
  draft: ReportDraft;
  onChange: <K extends DraftField>(field: K, value: ReportDraft[K]) => void;
  errors: Partial<Record<DraftField, string>>;
  /** Prefix for element ids, so two forms on one page cannot clash. */
  idPrefix?: string;
  /** The console's phone form: staff fill it in, so questions about the reporter say "the reporter's". */
  staff?: boolean;
}

/** The form's fields in the order they appear: the first with an error takes focus. */
export const FIELD_ORDER: readonly DraftField[] = [
  "whatHappened",
  "summary",
  "discoveryHow",
  "discoveredAt",
  "countermeasures",
  "ongoing",
  "dataLeakRisk",
  "moreAffectedRisk",
  "helpWanted",
  "contactedParties",
  "policeStatus",
  "policeReference",
  "consentInformation",
  "consentData",
  "consentLogs",
  "reporterName",
  "reporterEmail",
  "reporterPhone",
  "reporterRole",
  "organisationName",
  "organisationNumber",
  "sector",
  "tlp",
  "nis2Applies",
  "nis2Stage",
  "nis2AwareAt",
  "nis2SuspectedMalicious",
  "nis2CrossBorder",
];

/** The element id of a field (for a radio group: its first option). */
export function fieldId(field: DraftField, prefix = "report"): string {
  return `${prefix}-${field}`;
}

/** Moves focus to the first field (in form order) that has an error; true when there was one. */
export function focusFirstError(errors: Partial<Record<DraftField, unknown>>, prefix = "report"): boolean {
  const first = FIELD_ORDER.find((f) => errors[f]);
  if (!first) return false;
  const element = document.getElementById(fieldId(first, prefix));
  element?.focus();
  element?.scrollIntoView({ block: "center" });
  return true;
}
