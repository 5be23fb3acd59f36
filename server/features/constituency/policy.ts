import { CONSTITUENCY_EDITOR_ROLES, CONSTITUENCY_READER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

// Who reads and edits the constituency registry (contract/roles.ts): every case reader reads (deciding
// whom to tell is part of working a case; observers read only), duty officers and admins edit. Fyr itself
// (an import from the CLI, the feeds' matcher, the verification pass) acts as a system actor. Members of a
// constituent organisation never reach these: their own view is the member area's, through its policy.

/** Whether the actor reads the registry. */
export function mayReadRegistry(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, CONSTITUENCY_READER_ROLES);
}

export function assertMayReadRegistry(actor: Actor): void {
  if (!mayReadRegistry(actor)) throw forbidden("forbidden", "Your roles do not allow reading the constituency");
}

/** Whether the actor edits the registry. */
export function mayEditRegistry(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, CONSTITUENCY_EDITOR_ROLES);
}

export function assertMayEditRegistry(actor: Actor): void {
  if (!mayEditRegistry(actor)) throw forbidden("forbidden", "Only duty officers and admins edit the constituency");
}
