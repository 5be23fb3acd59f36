import i18next, { type TFunction } from "i18next";
import { FIELD_PROBLEM_CODES } from "../../../contract/errors.js";
import { formatBytes } from "../intake/limits.js";

/** What the server said about one field: its code (contract/errors.ts), English message and limit. */
export interface FieldProblem {
  code: string;
  message: string;
  /** `line`/`column`: where in a text (a YARA rule's source) the problem is. */
  params?: { limit?: number; line?: number; column?: number };
}

const known = new Set<string>(Object.keys(FIELD_PROBLEM_CODES));
// Codes whose limit is a number of bytes, stated in the reader's units ("25 MB", "1,5 KB").
const IN_BYTES = new Set(["file_too_large", "files_too_large", "form_too_large"]);

/** Words one field's problem in `language`: never the server's English, a generic text for an unknown code. */
export function fieldErrorMessage(t: TFunction, language: string, problem: FieldProblem): string {
  const code = known.has(problem.code) ? problem.code : "invalid";
  const limit = problem.params?.limit;
  if (limit === undefined) return t(`fieldErrors.${code}`, { limit: "" });
  const shown = IN_BYTES.has(code)
    ? formatBytes(limit, language)
    : new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB").format(limit);
  return t(`fieldErrors.${code}`, { limit: shown });
}

/** Every field's problem worded in the interface's current language. */
export function wordFieldProblems(problems: Readonly<Record<string, FieldProblem>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems))
    out[field] = fieldErrorMessage(i18next.t, i18next.language, problem);
  return out;
}
