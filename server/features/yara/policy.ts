import { YARA_RULE_WRITER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds, hasRole } from "../../platform/auth/actor.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";

// Who reads and writes YARA rules, and who reads a rule's text. The text is what a TLP label protects
// here: a rule's strings say what the CERT looks for, and under TLP:RED (FIRST TLP 2.0, named
// recipients only) they are for its author and admins alone — as a TLP:RED incident is for its members
// and admins (platform/tlp.ts). Its name, author and description are seen by everyone who reads rules:
// they are how a match is shown on a case. What a match reveals of a *file* is the case policy's: a
// match is shown only to someone who sees a case holding the file (files-store.ts, visibleHoldersSql).

/** Rules are read by everyone who reads cases: matches are shown on cases. */
export function assertMayReadRules(actor: Actor): void {
  if (!readsCases(actor)) throw forbidden("forbidden", "Your roles do not allow reading YARA rules");
}

/** Analysts (and admins) write rules and start a scan of everything. */
export function mayWriteRules(actor: Actor): boolean {
  return actorHolds(actor, YARA_RULE_WRITER_ROLES);
}

export function assertMayWriteRules(actor: Actor): void {
  if (!mayWriteRules(actor)) throw forbidden("forbidden", "Only analysts write YARA rules");
}

/** Whether the actor may read this rule's text (and the bytes it matched): TLP:RED, its author and admins. */
export function mayReadRuleSource(actor: Actor, rule: { tlp: TlpLabel; authorId: string | null }): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user" || !readsCases(actor)) return false;
  if (rule.tlp !== "TLP:RED" || hasRole(actor, "admin")) return true;
  return rule.authorId !== null && rule.authorId === actor.userId;
}

/** Whether the actor may change the rule: a writer who may read its text (nobody edits what they cannot read). */
export function mayEditRule(actor: Actor, rule: { tlp: TlpLabel; authorId: string | null }): boolean {
  return mayWriteRules(actor) && mayReadRuleSource(actor, rule);
}

export function assertMayEditRule(actor: Actor, rule: { tlp: TlpLabel; authorId: string | null }): void {
  assertMayWriteRules(actor);
  if (!mayReadRuleSource(actor, rule))
    throw forbidden("forbidden", "A TLP:RED rule is changed by its author or an admin only");
}

/**
 * Who may make a rule TLP:RED: whoever will still read it — its author, or an admin. An analyst who is
 * not the author marking someone else's rule RED would lock themselves out mid-edit, and it is the
 * author's marking to give.
 */
export function assertMayMarkRed(actor: Actor, rule: { authorId: string | null }): void {
  if (hasRole(actor, "admin")) return;
  if (actor.kind === "user" && rule.authorId === actor.userId) return;
  throw forbidden("forbidden", "Only the rule's author or an admin marks it TLP:RED");
}
