import type { z } from "zod";
import { NoControlCharacters } from "../../../contract/text.js";
import { AppError } from "../../platform/errors.js";
import { fieldErrorOf } from "../../platform/field-errors.js";

/**
 * Validates input the route could not hand to Fastify's schema check (multipart fields, or a body
 * that may be JSON or multipart): every bad field listed, as the schema check would, control
 * characters refused as the HTTP layer refuses them everywhere else (contract/text.ts).
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = NoControlCharacters.pipe(schema).safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => fieldErrorOf(issue, where, value));
  throw new AppError("validation_failed", "invalid", "Some fields are invalid", { errors });
}

/** A multipart text field holding JSON, parsed; malformed JSON is a 400 naming the field. */
export function parseJsonField(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
      errors: [{ path: where, message: "not valid JSON", code: "not_json" }],
    });
  }
}
