import { HEADER_CONTROL_CHARACTER, controlCharacterIssues } from "../../../contract/text.js";
import { AppError, type FieldError } from "../errors.js";
import type { FyrApp } from "./types.js";

/**
 * The one control-character check of every request (contract/text.ts says what and why): body,
 * query string, path parameters and headers, on every route, in `preValidation` (before any schema,
 * and before a value can reach SQL). A hit answers 400 naming each field, like a schema error.
 */
export function installControlCharacterGuard(app: FyrApp): void {
  app.addHook("preValidation", async (req) => {
    const errors: FieldError[] = [];
    const collect = (where: string, value: unknown, pattern?: RegExp) => {
      for (const issue of controlCharacterIssues(value, pattern)) {
        errors.push({
          path: [where, ...issue.path.map(String)].join("."),
          message: issue.message,
          code: "control_characters",
        });
      }
    };
    collect("params", req.params);
    collect("querystring", req.query);
    collect("headers", req.headers, HEADER_CONTROL_CHARACTER);
    // A parsed body; a multipart stream is not parsed yet (its route checks its fields: parseInput).
    collect("body", req.body);
    if (errors.length > 0) throw new AppError("validation_failed", "invalid", "Some fields are invalid", { errors });
  });
}
