import {
  BULK_LOOKUP_CASES_SHOWN,
  BULK_LOOKUP_MAX_VALUES,
  type BulkLookupInput,
  type BulkLookupResult,
} from "../../../contract/observable-lookup.js";
import { AppError } from "../../platform/errors.js";
import { scanObservables } from "./extract/index.js";
import { assertMayReadObservables } from "./policy.js";
import type { ObservablesContext } from "./related.js";
import { summariseValues } from "./value-summaries.js";

/**
 * Bulk lookup: the values in a pasted text (a blocklist, a mail's headers; read by the extractor, as a
 * report is) and which of them Fyr has seen in cases the actor may see, where and when. A value only
 * hidden cases hold is "not seen", as one never stored. More than 10,000 distinct values is a 413.
 */
export async function bulkLookup(ctx: ObservablesContext, input: BulkLookupInput): Promise<BulkLookupResult> {
  assertMayReadObservables(ctx.actor);
  const { values, truncated } = scanObservables(input.text, { maxValues: BULK_LOOKUP_MAX_VALUES });
  if (truncated) {
    const message = `More than ${BULK_LOOKUP_MAX_VALUES} distinct values; look them up in parts`;
    throw new AppError("lookup_too_many_values", "too_large", message, {
      errors: [{ path: "body.text", message, code: "too_many", params: { limit: BULK_LOOKUP_MAX_VALUES } }],
    });
  }
  const seen = values.length === 0 ? [] : await summariseValues(ctx, { values }, BULK_LOOKUP_CASES_SHOWN);
  const found = new Set(seen.map((v) => `${v.type} ${v.value}`));
  return {
    extracted: values.length,
    seen,
    unseen: values.filter((v) => !found.has(`${v.type} ${v.value}`)),
    commonThreshold: ctx.config.correlationCommonCases,
  };
}
