import {
  ConsentLevel,
  Nis2Stage,
  PoliceReportStatus,
  ReportStatus,
  Sector,
  TlpLabel,
  YesNoUnknown,
} from "../../../contract/intake.js";

// The answer vocabularies of a report, straight from the contract; the UI words each value.
export const YES_NO_UNKNOWN = YesNoUnknown.options;
export const POLICE_STATUSES = PoliceReportStatus.options;
export const CONSENT_LEVELS = ConsentLevel.options;
export const TLP_LABELS = TlpLabel.options;
export const NIS2_STAGES = Nis2Stage.options;
export const SECTORS = Sector.options;
export const REPORT_STATUSES = ReportStatus.options;
export const CONSENT_SUBJECTS = ["information", "data", "logs"] as const;
export type ConsentSubject = (typeof CONSENT_SUBJECTS)[number];

/** An i18n-safe key for a TLP label (":" and "+" would confuse i18next's key syntax). */
export function tlpKey(label: TlpLabel): string {
  return label.replace("TLP:", "").replace("+", "-").toLowerCase();
}

export type {
  ConsentLevel,
  Nis2Stage,
  ReportStatus,
  Sector,
  TlpLabel,
  YesNoUnknown,
} from "../../../contract/intake.js";
