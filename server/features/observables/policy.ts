import { type Actor, hasRole } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases, worksCases } from "../../platform/tlp.js";

/** Whoever reads cases reads their observables, related cases and warning lists (what they may see of them). */
export function assertMayReadObservables(actor: Actor): void {
  if (!readsCases(actor)) throw forbidden("forbidden", "Your roles do not allow reading observables");
}

/** Whoever works cases adds values by hand, tags them and marks them "do not correlate". */
export function assertMayJudgeObservables(actor: Actor): void {
  if (!worksCases(actor)) throw forbidden("forbidden", "Your roles do not allow changing observables");
}

/** Warning lists decide what never correlates, for everyone: admins edit them. */
export function assertMayEditWarningLists(actor: Actor): void {
  if (hasRole(actor, "admin")) return;
  throw forbidden("forbidden", "Only admins edit warning lists");
}
