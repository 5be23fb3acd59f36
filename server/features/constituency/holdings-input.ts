import type { FieldError } from "../../../contract/errors.js";
import { invalid } from "../../platform/errors.js";
import { normaliseAsn, normaliseDomain, normaliseUrlPrefix } from "./names.js";
import { type AddressRange, formatAddress, parseNetwork } from "./ranges.js";

// Holdings as the API gives them (text, numbers) checked and put in the form they are stored in, every bad
// one named by its path (`body.networks.2`) in one 400: a duty officer pasting fifty networks hears of
// every typo at once, and nothing is written.

export interface ParsedNetwork {
  range: AddressRange;
  label: string;
  first: string;
  last: string;
}

export interface ParsedHoldings {
  networks: ParsedNetwork[];
  asns: number[];
  domains: string[];
  urlPrefixes: string[];
}

export interface HoldingsInput {
  networks?: readonly string[] | undefined;
  asns?: readonly (number | string)[] | undefined;
  domains?: readonly string[] | undefined;
  urlPrefixes?: readonly string[] | undefined;
}

/** Checks and normalises every holding; throws one 400 naming each bad one. Duplicates are kept once. */
export function parseHoldings(input: HoldingsInput, at = "body"): ParsedHoldings {
  const { holdings, errors } = checkHoldings(input, at);
  if (errors.length > 0)
    throw invalid("validation_failed", "Some networks, AS numbers, domains or URL prefixes are invalid", errors);
  return holdings;
}

/** parseHoldings without the throw: the holdings that are good, and a field error for each one that is not. */
export function checkHoldings(input: HoldingsInput, at = "body"): { holdings: ParsedHoldings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: ParsedHoldings = { networks: [], asns: [], domains: [], urlPrefixes: [] };
  const seenNetworks = new Set<string>();
  (input.networks ?? []).forEach((text, i) => {
    const parsed = parseNetwork(text);
    if (!parsed.ok) {
      errors.push({ path: `${at}.networks.${i}`, message: parsed.message, code: parsed.code });
      return;
    }
    const key = `${parsed.range.first}-${parsed.range.last}-${parsed.range.family}`;
    if (seenNetworks.has(key)) return;
    seenNetworks.add(key);
    out.networks.push(parsedNetwork(parsed.range, parsed.label));
  });
  (input.asns ?? []).forEach((value, i) => {
    const parsed = normaliseAsn(value);
    if (!parsed.ok) errors.push({ path: `${at}.asns.${i}`, message: parsed.message, code: parsed.code });
    else if (!out.asns.includes(parsed.value)) out.asns.push(parsed.value);
  });
  (input.domains ?? []).forEach((text, i) => {
    const parsed = normaliseDomain(text);
    if (!parsed.ok) errors.push({ path: `${at}.domains.${i}`, message: parsed.message, code: parsed.code });
    else if (!out.domains.includes(parsed.value)) out.domains.push(parsed.value);
  });
  (input.urlPrefixes ?? []).forEach((text, i) => {
    const parsed = normaliseUrlPrefix(text);
    if (!parsed.ok) errors.push({ path: `${at}.urlPrefixes.${i}`, message: parsed.message, code: parsed.code });
    else if (!out.urlPrefixes.includes(parsed.value)) out.urlPrefixes.push(parsed.value);
  });
  return { holdings: out, errors };
}

export function parsedNetwork(range: AddressRange, label: string): ParsedNetwork {
  return {
    range,
    label,
    first: formatAddress(range.family, range.first),
    last: formatAddress(range.family, range.last),
  };
}

/** One holding (`POST …/networks { network }` and its kin), checked, or a 400 naming `body.<field>`. */
export function parseOneHolding(input: HoldingsInput, field: "network" | "asn" | "domain" | "prefix"): ParsedHoldings {
  const { holdings, errors } = checkHoldings(input);
  if (errors.length > 0)
    throw invalid(
      "validation_failed",
      "The value is invalid",
      errors.map((e) => ({ ...e, path: `body.${field}` })),
    );
  return holdings;
}
