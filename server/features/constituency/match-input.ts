import { INHIBITION_TYPES, type MatchValue } from "../../../contract/constituency.js";
import type { FieldError } from "../../../contract/errors.js";
import { invalid } from "../../platform/errors.js";
import { normaliseAsn, normaliseDomain, parseHttpUrl } from "./names.js";
import type { OwnerQuery } from "./owner-index.js";
import { parseAddress } from "./ranges.js";

// What the match API accepts, checked before matching so a caller hears which value is wrong (the
// feeds call the service directly and get no owners for a value that is not one).

/** Field errors for one value asked about (`at`: `query` or `body.values.3`). */
export function checkMatchValue(value: MatchValue, at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (value.ip === undefined && value.domain === undefined && value.asn === undefined && value.url === undefined)
    errors.push({ path: at, message: "give ip, domain, asn or url", code: "required" });
  if (value.ip !== undefined && !parseAddress(value.ip))
    errors.push({ path: `${at}.ip`, message: "not an IPv4 or IPv6 address", code: "invalid_network" });
  if (value.domain !== undefined) {
    const d = normaliseDomain(value.domain);
    if (!d.ok) errors.push({ path: `${at}.domain`, message: d.message, code: d.code });
  }
  if (value.asn !== undefined) {
    const a = normaliseAsn(value.asn);
    if (!a.ok) errors.push({ path: `${at}.asn`, message: a.message, code: a.code });
  }
  if (value.url !== undefined && !parseHttpUrl(value.url))
    errors.push({ path: `${at}.url`, message: "not an http(s) URL", code: "invalid_format" });
  return errors;
}

/** The classification type asked about: an RSIT type (or `*`). */
export function checkMatchType(type: string | undefined, path: string): FieldError[] {
  return type === undefined || INHIBITION_TYPES.includes(type)
    ? []
    : [{ path, message: "not an RSIT classification type", code: "invalid_choice" }];
}

/** Throws one 400 naming every bad value. */
export function assertMatchInput(
  values: readonly { value: MatchValue; at: string }[],
  type?: { value?: string; path: string },
) {
  const errors = values.flatMap((v) => checkMatchValue(v.value, v.at));
  if (type) errors.push(...checkMatchType(type.value, type.path));
  if (errors.length > 0) {
    const none = errors.length === 1 && errors[0]?.code === "required";
    throw invalid(none ? "match_value_required" : "validation_failed", "Some values to match are invalid", errors);
  }
}

export const toOwnerQuery = (v: MatchValue): OwnerQuery => v;
