import type { FieldError } from "../../platform/errors.js";
import { AppError } from "../../platform/errors.js";
import { type YaraBinding, type YaraDiagnostic, loadYaraBinding } from "./binding.js";
import { declaredRules, diagnosticPlace } from "./rule-source.js";
import type { ActiveRule } from "./rules-store.js";

// The checks a rule's source passes before it is saved: it compiles on its own (YARA-X, includes off),
// declares a rule that can match, no global rule, no rule name another rule of the ruleset declares,
// and the ruleset still compiles with it. All rules are compiled into one scanner (one pass over each
// file for every rule), so a name is one namespace across analysts.

const FIELD = "body.source";

/** The binding, or 503 yara_unavailable for a request that needs it. */
export function yaraBinding(): YaraBinding {
  const binding = loadYaraBinding();
  // The reason (package paths) is the scanner's to log, not a client's to read.
  if (binding instanceof Error)
    throw new AppError("yara_unavailable", "unavailable", "The YARA engine is not available on this server");
  return binding;
}

export interface CheckedSource {
  identifiers: string[];
  warnings: { message: string; line: number | null }[];
}

function compileError(d: YaraDiagnostic): FieldError {
  const place = diagnosticPlace(d.message);
  return {
    path: FIELD,
    message: d.message,
    code: "yara_compile_error",
    ...(place ? { params: { line: place.line, column: place.column } } : {}),
  };
}

function refuse(errors: FieldError[]): AppError {
  return new AppError("yara_rule_invalid", "invalid", errors[0]?.message ?? "The rule does not compile", { errors });
}

/**
 * Checks `source` against the other active rules (`others`, without the rule being changed); answers
 * what it declares and YARA-X's warnings, or throws yara_rule_invalid naming `body.source`.
 */
export function checkRuleSource(source: string, others: readonly Pick<ActiveRule, "name" | "source">[]): CheckedSource {
  const yara = yaraBinding();
  const alone = yara.validate(source, { enableIncludes: false });
  if (alone.errors.length > 0) throw refuse(alone.errors.map(compileError));

  const declared = declaredRules(source);
  if (declared.global)
    throw refuse([
      { path: FIELD, message: "Global rules are not accepted: they gate every rule", code: "yara_global_rule" },
    ]);
  if (declared.identifiers.length === 0)
    throw refuse([{ path: FIELD, message: "The source declares no rule that can match", code: "yara_no_rule" }]);

  const mine = new Set([...declared.identifiers, ...declared.privateIdentifiers]);
  for (const other of others) {
    const theirs = declaredRules(other.source);
    const taken = [...theirs.identifiers, ...theirs.privateIdentifiers].find((name) => mine.has(name));
    if (taken !== undefined)
      throw refuse([
        {
          path: FIELD,
          message: `The YARA rule name "${taken}" is already declared by the rule "${other.name}"`,
          code: "yara_identifier_taken",
        },
      ]);
  }
  if (others.length > 0) {
    // Should pass once each compiles and names are apart; checked so the scanner never meets a ruleset
    // that does not compile. Lines are the combined text's, so none is given.
    const together = yara.validate([...others.map((o) => o.source), source].join("\n"), { enableIncludes: false });
    if (together.errors.length > 0)
      throw refuse(together.errors.map((d) => ({ path: FIELD, message: d.message, code: "yara_compile_error" })));
  }
  return {
    identifiers: declared.identifiers,
    warnings: alone.warnings.map((w) => ({ message: w.message, line: diagnosticPlace(w.message)?.line ?? null })),
  };
}
