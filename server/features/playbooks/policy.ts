import { type Actor, hasRole } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";

/** Everyone who reads incidents reads playbooks: they are the tasks offered on an incident. */
export function assertMayReadPlaybooks(actor: Actor): void {
  if (!readsCases(actor)) throw forbidden("forbidden", "Your roles do not allow reading playbooks");
}

/** Playbooks are the CERT's agreed procedure: only admins write them (and the system, in migrations). */
export function assertMayEditPlaybooks(actor: Actor): void {
  if (actor.kind === "system" || hasRole(actor, "admin")) return;
  throw forbidden("forbidden", "Only admins edit playbooks");
}
