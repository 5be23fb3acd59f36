import type { ReportSubmissionInput } from "../../../contract/intake.js";
import { stockholmLocalToIso } from "../time.js";
import type { ConsentLevel, Nis2Stage, Sector, TlpLabel, YesNoUnknown } from "./options.js";

type Maybe<T extends string> = T | "";

/** A report as the form holds it while someone fills it in: plain strings, "" for not answered. */
export interface ReportDraft {
  whatHappened: string;
  summary: string;
  discoveryHow: string;
  /** A datetime-local value, Stockholm wall time. */
  discoveredAt: string;
  countermeasures: string;
  ongoing: Maybe<YesNoUnknown>;
  dataLeakRisk: Maybe<YesNoUnknown>;
  moreAffectedRisk: Maybe<YesNoUnknown>;
  helpWanted: string;
  contactedParties: string;
  policeStatus: Maybe<"yes" | "no" | "planned">;
  policeReference: string;
  consentInformation: Maybe<ConsentLevel>;
  consentData: Maybe<ConsentLevel>;
  consentLogs: Maybe<ConsentLevel>;
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string;
  reporterRole: string;
  organisationName: string;
  organisationNumber: string;
  sector: Maybe<Sector>;
  tlp: TlpLabel;
  nis2Applies: Maybe<YesNoUnknown>;
  nis2Stage: Maybe<Nis2Stage>;
  nis2AwareAt: string;
  nis2SuspectedMalicious: Maybe<YesNoUnknown>;
  nis2CrossBorder: Maybe<YesNoUnknown>;
  nis2TrustServiceProvider: boolean;
}

export type DraftField = keyof ReportDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** A blank form: nothing answered, TLP:AMBER (the API's default) chosen. */
export function emptyDraft(): ReportDraft {
  return {
    whatHappened: "",
    summary: "",
    discoveryHow: "",
    discoveredAt: "",
    countermeasures: "",
    ongoing: "",
    dataLeakRisk: "",
    moreAffectedRisk: "",
    helpWanted: "",
    contactedParties: "",
    policeStatus: "",
    policeReference: "",
    consentInformation: "",
    consentData: "",
    consentLogs: "",
    reporterName: "",
    reporterEmail: "",
    reporterPhone: "",
    reporterRole: "",
    organisationName: "",
    organisationNumber: "",
    sector: "",
    tlp: "TLP:AMBER",
    nis2Applies: "",
    nis2Stage: "",
    nis2AwareAt: "",
    nis2SuspectedMalicious: "",
    nis2CrossBorder: "",
    nis2TrustServiceProvider: false,
  };
}

const orNull = <T extends string>(v: Maybe<T>): T | null => (v === "" ? null : v);
const text = (v: string): string | null => (v.trim() === "" ? null : v);

/** The draft as the API's report submission. */
export function toSubmission(draft: ReportDraft, language: "sv" | "en"): ReportSubmissionInput {
  const nis2Applies = draft.nis2Applies === "" || draft.nis2Applies === "unknown" ? null : draft.nis2Applies === "yes";
  return {
    language,
    reporter: {
      name: text(draft.reporterName),
      email: text(draft.reporterEmail.trim()),
      phone: text(draft.reporterPhone.trim()),
      role: text(draft.reporterRole),
    },
    organisation: {
      name: text(draft.organisationName),
      orgNumber: text(draft.organisationNumber),
      sector: orNull(draft.sector),
    },
    summary: text(draft.summary),
    whatHappened: draft.whatHappened,
    discovery: { how: text(draft.discoveryHow), discoveredAt: stockholmLocalToIso(draft.discoveredAt) ?? null },
    countermeasures: text(draft.countermeasures),
    ongoing: orNull(draft.ongoing),
    dataLeakRisk: orNull(draft.dataLeakRisk),
    moreAffectedRisk: orNull(draft.moreAffectedRisk),
    helpWanted: text(draft.helpWanted),
    contactedParties: text(draft.contactedParties),
    policeReport: { status: orNull(draft.policeStatus), reference: text(draft.policeReference) },
    sharingConsent: {
      information: orNull(draft.consentInformation),
      data: orNull(draft.consentData),
      logs: orNull(draft.consentLogs),
    },
    tlp: draft.tlp,
    nis2:
      draft.nis2Applies === ""
        ? null
        : {
            applies: nis2Applies,
            stage: nis2Applies ? orNull(draft.nis2Stage) : null,
            awareAt: nis2Applies ? (stockholmLocalToIso(draft.nis2AwareAt) ?? null) : null,
            suspectedMalicious: nis2Applies ? orNull(draft.nis2SuspectedMalicious) : null,
            crossBorderImpact: nis2Applies ? orNull(draft.nis2CrossBorder) : null,
            trustServiceProvider: nis2Applies ? draft.nis2TrustServiceProvider : null,
          },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/;

/** The form's own checks before sending (the server checks again): error codes per field, in form order. */
export function validateDraft(draft: ReportDraft): Partial<Record<DraftField, DraftProblem>> {
  const errors: Partial<Record<DraftField, DraftProblem>> = {};
  if (draft.whatHappened.trim() === "") errors.whatHappened = "required";
  const email = draft.reporterEmail.trim();
  const phone = draft.reporterPhone.trim();
  if (email === "" && phone === "") errors.reporterEmail = "contactRequired";
  if (email !== "" && !EMAIL.test(email)) errors.reporterEmail = "emailInvalid";
  if (phone !== "" && !PHONE.test(phone)) errors.reporterPhone = "phoneInvalid";
  return errors;
}

export type DraftProblem = "required" | "contactRequired" | "emailInvalid" | "phoneInvalid" | "invalid";

// The API's field paths (after "body." and the multipart field name) → the form field showing them.
const SERVER_PATHS: Record<string, DraftField> = {
  whatHappened: "whatHappened",
  summary: "summary",
  "discovery.how": "discoveryHow",
  "discovery.discoveredAt": "discoveredAt",
  countermeasures: "countermeasures",
  ongoing: "ongoing",
  dataLeakRisk: "dataLeakRisk",
  moreAffectedRisk: "moreAffectedRisk",
  helpWanted: "helpWanted",
  contactedParties: "contactedParties",
  "policeReport.status": "policeStatus",
  "policeReport.reference": "policeReference",
  "sharingConsent.information": "consentInformation",
  "sharingConsent.data": "consentData",
  "sharingConsent.logs": "consentLogs",
  reporter: "reporterEmail",
  "reporter.name": "reporterName",
  "reporter.email": "reporterEmail",
  "reporter.phone": "reporterPhone",
  "reporter.role": "reporterRole",
  "organisation.name": "organisationName",
  "organisation.orgNumber": "organisationNumber",
  "organisation.sector": "sector",
  tlp: "tlp",
  "nis2.stage": "nis2Stage",
  "nis2.awareAt": "nis2AwareAt",
  "nis2.suspectedMalicious": "nis2SuspectedMalicious",
  "nis2.crossBorderImpact": "nis2CrossBorder",
};

/** Maps the server's field problems (problem+json `errors`, by their codes) onto the form's fields. */
export function draftErrorsFromServer(
  fieldProblems: Readonly<Record<string, { code: string }>>,
): Partial<Record<DraftField, DraftProblem>> {
  const out: Partial<Record<DraftField, DraftProblem>> = {};
  for (const [path, { code }] of Object.entries(fieldProblems)) {
    const clean = path.replace(/^(body\.)?(report\.)?/, "");
    const field = SERVER_PATHS[clean];
    if (!field) continue;
    if (code === "contact_required" || (field === "reporterEmail" && clean === "reporter"))
      out[field] = "contactRequired";
    else if (code === "required") out[field] = "required";
    else if (field === "reporterEmail") out[field] = "emailInvalid";
    else if (field === "reporterPhone") out[field] = "phoneInvalid";
    else out[field] ??= "invalid";
  }
  return out;
}
