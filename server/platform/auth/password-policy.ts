import { readFileSync } from "node:fs";
import { projectPath } from "../paths.js";

export const MIN_PASSWORD_LENGTH = 12;

// The most common passwords (top 10,000 plus every one of 12+ characters) from the zxcvbn-ts
// "common" dictionary (MIT), lower-cased; loaded on first use.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(projectPath("server", "platform", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .filter(Boolean),
  );
  return common;
}

export type PasswordWeakness = "too_short" | "too_common" | "like_identity" | "too_repetitive";

/**
 * Why a password is too weak for a staff account, or null when it is acceptable:
 * at least 12 characters, not a common password (also with digits/symbols around it),
 * not the e-mail, its local part or the name, not a few characters or one pattern repeated.
 */
export function passwordWeakness(password: string, identity: { email: string; name: string }): PasswordWeakness | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "too_short";
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return "too_common";
  const email = identity.email.toLowerCase();
  const local = email.split("@")[0] ?? "";
  const name = identity.name.toLowerCase().replace(/\s+/g, "");
  const squashed = lower.replace(/\s+/g, "");
  for (const id of [email, local, name]) {
    if (id.length >= 3 && (squashed === id || core === id)) return "like_identity";
  }
  // "aaaaaaaaaaaa", "abcabcabcabc", "trustno1trustno1": a short pattern repeated.
  if (new Set(lower).size < 4 || /^(.+?)\1+$/su.test(lower)) return "too_repetitive";
  return null;
}

const MESSAGES: Record<PasswordWeakness, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_common: "is a commonly used password",
  like_identity: "must not be your e-mail address or name",
  too_repetitive: "repeats too few different characters",
};

/** The field's English message for a weakness; clients word it from the field code (the weakness). */
export function weaknessMessage(w: PasswordWeakness): string {
  return `The password ${MESSAGES[w]}`;
}
