import { ADMIN_ROLES, LIST_MANAGER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

// Who manages the e-mail lists (contract/roles.ts): publishers and duty officers read subscribers and
// campaigns, remove subscribers and put organisations on lists; admins also pause and resume a campaign.
// Fyr itself (an advisory's publication, the dispatcher) acts as a system actor. Members reach only their
// own organisation's subscriptions, through the member API.

export function mayManageLists(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, LIST_MANAGER_ROLES);
}

export function assertMayManageLists(actor: Actor): void {
  if (!mayManageLists(actor)) throw forbidden("forbidden", "Only publishers, duty officers and admins manage lists");
}

export function assertMayPauseCampaigns(actor: Actor): void {
  const ok =
    actor.kind === "system" || (actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, ADMIN_ROLES));
  if (!ok) throw forbidden("forbidden", "Only admins pause and resume list mail");
}
