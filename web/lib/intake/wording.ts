import type { TFunction } from "i18next";
import type { DraftField, DraftProblem } from "./draft.js";

/** Words the form's problems (found by the form or mapped from the server) per field. */
export function wordDraftProblems(
  t: TFunction,
  problems: Partial<Record<DraftField, DraftProblem>>,
): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const [field, problem] of Object.entries(problems) as [DraftField, DraftProblem][])
    out[field] = t(`intake.errors.${problem}`);
  return out;
}
