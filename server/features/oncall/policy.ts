import { ADMIN_ROLES, CASE_READER_ROLES, ONCALL_DUTY_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

// Who may do what with the rota and escalation (contract/roles.ts says why).

/** Case readers (and admins) read the rota, the policies and the escalations. */
export function assertMayReadRota(actor: Actor): void {
  if (actorHolds(actor, CASE_READER_ROLES)) return;
  throw forbidden("forbidden", "Your roles do not allow reading the duty rota");
}

/** Admins plan shifts and patterns, contacts and escalation policies. */
export function assertMayPlanRota(actor: Actor): void {
  if (actorHolds(actor, ADMIN_ROLES)) return;
  throw forbidden("forbidden", "Only administrators plan the duty rota");
}

/** Duty officers (and admins) swap shifts and write handovers. */
export function assertMayDoDuty(actor: Actor): void {
  if (actorHolds(actor, ONCALL_DUTY_ROLES)) return;
  throw forbidden("forbidden", "Only duty officers do this");
}

/** A swap of someone else's shift is an admin's; an officer asks to give away their own. */
export function assertMayActOnShift(actor: Actor, shiftUserId: string): void {
  if (actor.kind === "user" && (actor.userId === shiftUserId || actorHolds(actor, ADMIN_ROLES))) return;
  throw forbidden("oncall_not_your_shift", "This is not your shift");
}

/** Only the officer asked (or an admin) accepts or declines a swap. */
export function assertMayDecideSwap(actor: Actor, toUserId: string): void {
  if (actor.kind === "user" && (actor.userId === toUserId || actorHolds(actor, ADMIN_ROLES))) return;
  throw forbidden("oncall_not_your_swap", "Only the officer asked decides this swap");
}

/** True for an admin: they see every swap, others the ones they are part of. */
export function seesEverySwap(actor: Actor): boolean {
  return actorHolds(actor, ADMIN_ROLES);
}
