import type { ReportLanguage } from "../../../contract/intake.js";
import type { FieldError } from "../../platform/errors.js";

// The portal's form without JavaScript: a classic HTML form whose fields are named after the web
// form's (web/lib/intake/draft.ts), posted as application/x-www-form-urlencoded or multipart. Its
// fields become the same ReportSubmission the API validates (contract/intake.ts) — nothing here
// decides what is valid.

/** The fields the plain form has, in the order it shows them. */
export const PLAIN_FIELDS = [
  "whatHappened",
  "summary",
  "ongoing",
  "reporterName",
  "reporterEmail",
  "reporterPhone",
  "organisationName",
  "tlp",
  "nis2Applies",
] as const;
export type PlainField = (typeof PLAIN_FIELDS)[number];

/** What someone typed and chose, as the form's inputs hold it ("" for nothing). */
export type PlainValues = Record<PlainField, string> & { language: ReportLanguage; website: string };

/** The posted fields as the form's values (unknown fields ignored, missing ones empty). */
export function plainValues(fields: Record<string, unknown>): PlainValues {
  const text = (name: string) => (typeof fields[name] === "string" ? fields[name] : "");
  const values = Object.fromEntries(PLAIN_FIELDS.map((f) => [f, text(f)])) as Record<PlainField, string>;
  return { ...values, language: text("language") === "en" ? "en" : "sv", website: text("website") };
}

const orNull = (v: string) => (v.trim() === "" ? null : v);

/** The form's values as a report submission, for ReportSubmission to validate like any other. */
export function plainSubmission(v: PlainValues): unknown {
  const applies = v.nis2Applies === "yes" ? true : v.nis2Applies === "no" ? false : null;
  return {
    language: v.language,
    whatHappened: v.whatHappened,
    summary: orNull(v.summary),
    ongoing: orNull(v.ongoing),
    reporter: {
      name: orNull(v.reporterName),
      email: orNull(v.reporterEmail.trim()),
      phone: orNull(v.reporterPhone.trim()),
    },
    organisation: { name: orNull(v.organisationName) },
    tlp: orNull(v.tlp),
    // "Don't know" is an answer too: NIS2 then neither applies nor is ruled out.
    nis2: v.nis2Applies === "" ? null : { applies, stage: applies ? "early-warning" : null },
    website: v.website,
  };
}

/** What went wrong with one field, worded by the portal's intake.errors.* (the web form's words). */
export type PlainProblem = "required" | "contactRequired" | "emailInvalid" | "phoneInvalid" | "invalid";

// The submission's paths (after "body.") → the plain form's field showing a problem there.
const PATHS: Record<string, PlainField> = {
  whatHappened: "whatHappened",
  summary: "summary",
  ongoing: "ongoing",
  "reporter.name": "reporterName",
  "reporter.email": "reporterEmail",
  "reporter.phone": "reporterPhone",
  reporter: "reporterEmail",
  "organisation.name": "organisationName",
  tlp: "tlp",
  nis2: "nis2Applies",
  "nis2.applies": "nis2Applies",
};

/**
 * The validation's field errors as problems per form field; a problem on no field of this form
 * (the honeypot, say) is `other`. Worded from the path and the field, never from the message.
 */
export function plainProblems(
  errors: readonly FieldError[],
  values: PlainValues,
): { fields: Partial<Record<PlainField, PlainProblem>>; other: boolean } {
  const fields: Partial<Record<PlainField, PlainProblem>> = {};
  let other = false;
  for (const error of errors) {
    const path = error.path.replace(/^body\./, "");
    const field = PATHS[path];
    if (!field) {
      other = true;
      continue;
    }
    fields[field] ??= problemOf(path, field, values);
  }
  return { fields, other };
}

function problemOf(path: string, field: PlainField, values: PlainValues): PlainProblem {
  if (path === "reporter") return "contactRequired";
  if (field === "whatHappened" && values.whatHappened.trim() === "") return "required";
  if (field === "reporterEmail") return "emailInvalid";
  if (field === "reporterPhone") return "phoneInvalid";
  return "invalid";
}
