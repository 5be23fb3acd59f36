import { type Actor, type MemberActor, isMember } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, forbidden, notFound } from "../../platform/errors.js";
import { mayEditRegistry, mayReadRegistry, organisationAndChildren } from "../constituency/index.js";

// THE visibility policy of the member area, written once as TLP's is (platform/tlp.ts): a member sees
// their own organisation and every organisation below it, and nothing else. Every member read goes
// through `memberScope` and then `assertInScope` (one organisation) or the scope's ids (a list's SQL
// condition), and anything outside it is answered exactly as an id that does not exist — 404 with the
// same code and words, counted nowhere — so a member of B learns nothing about A, not even that it exists.
// Who reaches the member API at all is the central guard's (auth/guard.ts): members only, tokens too.

/** A member acting: the context every member use case takes. */
export type MemberContext = ServiceContext & { actor: MemberActor };

/** What a member sees: their organisation first, then those below it. */
export interface MemberScope {
  organisationId: string;
  organisations: readonly string[];
}

/** The context of a member request, or 403 for anyone else (the guard has refused them already). */
export function asMember(ctx: ServiceContext): MemberContext {
  const actor = ctx.actor;
  if (!isMember(actor)) throw new AppError("members_only", "forbidden", "Only members call the member API");
  return { ...ctx, actor };
}

/** The member's scope, read now: a child added a moment ago is in it, one moved away is not. */
export async function memberScope(ctx: MemberContext): Promise<MemberScope> {
  const own = ctx.actor.organisationId;
  const below = (await organisationAndChildren(ctx, own)).filter((id) => id !== own);
  return { organisationId: own, organisations: [own, ...below] };
}

/** The one "not yours" answer: word for word what an unknown organisation gets. */
export const outsideScope = (id: string) => notFound("organisation_not_found", `No organisation ${id}`);

/** 404 unless the organisation is in the member's scope. */
export function assertInScope(scope: MemberScope, organisationId: string): void {
  if (!scope.organisations.includes(organisationId)) throw outsideScope(organisationId);
}

/** Staff who see an organisation's members: whoever reads the registry. */
export function assertMayReadMembers(actor: Actor): void {
  if (!mayReadRegistry(actor) || isMember(actor)) throw forbidden();
}

/** Staff who invite members, end their access and decide their change requests: the registry's editors. */
export function assertMayManageMembers(actor: Actor): void {
  if (!mayEditRegistry(actor) || isMember(actor)) {
    throw forbidden("forbidden", "Only duty officers and admins manage members and their change requests");
  }
}
