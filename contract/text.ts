import { z } from "zod";

// Control characters in text. Fyr refuses them at its input boundary, once, for every text field:
// the HTTP layer checks every body, query string, path parameter and header against this before any
// route's schema runs (server/platform/http/input-text.ts), and input parsed by hand (multipart
// fields) passes `NoControlCharacters` too. Refused rather than stripped, identifiers and free text
// alike: a NUL cannot be stored in PostgreSQL text at all, escape sequences in a report would reach
// terminals and exports, and Fyr never silently changes what a reporter wrote; the 400 names the
// field so the sender can fix it. Tab, line feed and carriage return are text and stay allowed.

/** NUL and the other C0 controls except tab, LF and CR; DEL; the C1 controls (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** The same without C1: header values are bytes, and Node reads bytes 0x80–0x9f as those code points. */
// eslint-disable-next-line no-control-regex -- as above
export const HEADER_CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Removes control characters (for clients that clean pasted text before sending it). */
export function stripControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTER.source, "g"), "");
}

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

function issueFor(text: string, pattern: RegExp, path: (string | number)[]): TextIssue | undefined {
  const found = pattern.exec(text)?.[0];
  if (found === undefined) return undefined;
  const codePoint = `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  return { path, message: `contains a control character (${codePoint}), which is not allowed in text` };
}

/**
 * Every string in `value` (object keys too, at any depth) that holds a control character, with its
 * path. Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function controlCharacterIssues(value: unknown, pattern: RegExp = CONTROL_CHARACTER): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const { value: v, path } = next;
    if (typeof v === "string") {
      const issue = issueFor(v, pattern, path);
      if (issue) issues.push(issue);
    } else if (Array.isArray(v)) {
      v.forEach((item: unknown, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const issue = issueFor(key, pattern, [...path, key]);
        if (issue) issues.push(issue);
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return issues.reverse();
}

/** Any value whose strings hold no control character; `.pipe(schema)` puts it in front of a schema. */
export const NoControlCharacters = z.unknown().superRefine((value, ctx) => {
  for (const issue of controlCharacterIssues(value))
    ctx.addIssue({ code: "custom", ...issue, params: { code: "control_characters" } });
});
