import { type FieldError, FieldProblemCode } from "../../contract/errors.js";

/**
 * A validation issue as zod reports it, and as fastify-type-provider-zod passes it on (its `keyword`
 * is zod's `code`, the rest of the issue in `params`): what `fieldErrorOf` needs to give it a code.
 */
export interface ValidationIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  /** A refinement's own `params`: `{ code: "required" }` names the field code outright. */
  params?: unknown;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const asLimit = (v: unknown): number | undefined =>
  typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined;

function withLimit(code: FieldProblemCode, limit: unknown): Pick<FieldError, "code" | "params"> {
  const n = asLimit(limit);
  return n === undefined ? { code } : { code, params: { limit: n } };
}

// Zod's issue codes → Fyr's field codes (contract/errors.ts), so a client words each in its language.
function codeOf(issue: ValidationIssue, input: unknown): Pick<FieldError, "code" | "params"> {
  switch (issue.code) {
    case "invalid_type":
      return { code: valueAt(input, issue.path) === undefined ? "required" : "invalid_type" };
    case "too_small":
      if (issue.origin === "string")
        return asLimit(issue.minimum) === 1 ? { code: "required" } : withLimit("too_short", issue.minimum);
      if (issue.origin === "array" || issue.origin === "set") return withLimit("too_few", issue.minimum);
      return issue.origin === "number" || issue.origin === "bigint"
        ? withLimit("too_small", issue.minimum)
        : { code: "invalid" };
    case "too_big":
      if (issue.origin === "string") return withLimit("too_long", issue.maximum);
      if (issue.origin === "array" || issue.origin === "set") return withLimit("too_many", issue.maximum);
      return issue.origin === "number" || issue.origin === "bigint"
        ? withLimit("too_big", issue.maximum)
        : { code: "invalid" };
    case "invalid_format":
      return { code: issue.format === "email" ? "invalid_email" : "invalid_format" };
    case "invalid_value":
      return { code: "invalid_choice" };
    case "unrecognized_keys":
      return { code: "unknown_field" };
    case "custom": {
      const named = (issue.params as { code?: unknown } | undefined)?.code;
      const parsed = FieldProblemCode.safeParse(named);
      return { code: parsed.success ? parsed.data : "invalid" };
    }
    default:
      return { code: "invalid" };
  }
}

/** One field error for a validation issue in `where` ("body", "querystring", …; "": none) of `input`. */
export function fieldErrorOf(issue: ValidationIssue, where: string, input: unknown): FieldError {
  const path = issue.path.map(String);
  return {
    path: (where === "" ? path : [where, ...path]).join("."),
    message: issue.message,
    ...codeOf(issue, input),
  };
}
