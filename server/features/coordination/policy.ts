import { type RawBuilder, type SqlBool, sql } from "kysely";
import { COORDINATION_READER_ROLES, COORDINATOR_ROLES } from "../../../contract/roles.js";
import type { TlpLabel } from "../../../contract/intake.js";
import { type Actor, actorHolds, hasRole, isMember } from "../../platform/auth/actor.js";
import { forbidden, notFound } from "../../platform/errors.js";

// THE visibility policy of coordination cases, written once; every read, count, error and mail of the
// feature goes through it.
// - Staff: coordination readers (contract/roles.ts) see every case and post, except TLP:RED: a RED case,
//   and a RED post, is seen only by the case's coordinator, the post's author and admins. Observers read
//   and never write.
// - A member sees a case only when their own organisation (exactly: not a parent's) is a participant,
//   and in it only the posts addressed to their participant: to all (never TLP:RED), to it by name, or
//   written by it. Of the participants they see their own (status, history) and, only when the
//   coordinator lets them, the others' names and roles — never another participant's status.
// - Anything outside that answers 404 with the same code and words as something that does not exist.
// - Mail goes exactly to the participants who would see the post in the member area.

/** A case as the policy needs it. */
export interface CaseFacts {
  tlp: TlpLabel;
  coordinator_id: string;
}

/** A post as the policy needs it. */
export interface PostFacts {
  tlp: TlpLabel;
  to_all: boolean;
  author_user_id: string | null;
  author_participant_id: string | null;
}

export const caseNotFound = (reference: string) =>
  notFound("coordination_case_not_found", `No coordination case ${reference}`);
export const postNotFound = (id: string) => notFound("coordination_post_not_found", `No post ${id} in this case`);

const isStaffUser = (actor: Actor) => actor.kind === "user" && actor.userKind === "staff";

/** Staff who read coordination cases at all. */
export function mayReadCoordination(actor: Actor): boolean {
  return isStaffUser(actor) && actorHolds(actor, COORDINATION_READER_ROLES);
}

/** Staff who coordinate: open cases, add participants, post, notify, set statuses. */
export function mayCoordinate(actor: Actor): boolean {
  return actor.kind === "system" || (isStaffUser(actor) && actorHolds(actor, COORDINATOR_ROLES));
}

export function assertMayCoordinate(actor: Actor): void {
  if (!mayCoordinate(actor)) throw forbidden("forbidden", "Only duty officers, analysts and admins coordinate");
}

const isAdmin = (actor: Actor) => hasRole(actor, "admin");
const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** Whether staff `actor` sees this case. */
export function staffSeesCase(actor: Actor, c: CaseFacts): boolean {
  if (actor.kind === "system") return true;
  if (!mayReadCoordination(actor)) return false;
  return c.tlp !== "TLP:RED" || isAdmin(actor) || c.coordinator_id === userIdOf(actor);
}

/** SQL form of staffSeesCase for the case row under `alias` (lists and counts). */
export function staffCaseVisibleSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  if (actor.kind === "system") return sql<SqlBool>`true`;
  if (!mayReadCoordination(actor)) return sql<SqlBool>`false`;
  if (isAdmin(actor)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.ref(`${alias}.tlp`)} <> 'TLP:RED' or ${sql.ref(`${alias}.coordinator_id`)} = ${userIdOf(actor)})`;
}

/** Whether staff `actor`, who sees the case, sees this post of it. */
export function staffSeesPost(actor: Actor, c: CaseFacts, post: PostFacts): boolean {
  if (!staffSeesCase(actor, c)) return false;
  if (post.tlp !== "TLP:RED" || actor.kind === "system" || isAdmin(actor)) return true;
  const me = userIdOf(actor);
  return c.coordinator_id === me || post.author_user_id === me;
}

/** The member's organisation, or null for anyone who is not a member. */
export function memberOrganisationOf(actor: Actor): string | null {
  return isMember(actor) ? actor.organisationId : null;
}

/**
 * Whether the participant `participantId` sees the post, given the post's recipients. A TLP:RED post
 * reaches named recipients only, even if it were marked to all.
 */
export function participantSeesPost(participantId: string, post: PostFacts, recipients: readonly string[]): boolean {
  if (post.author_participant_id === participantId) return true;
  if (recipients.includes(participantId)) return true;
  return post.to_all && post.tlp !== "TLP:RED";
}

/** SQL form of participantSeesPost for the post row under `alias` (member lists and counts). */
export function participantPostVisibleSql(participantId: string, alias: string): RawBuilder<SqlBool> {
  const p = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${p("author_participant_id")} = ${participantId}
    or (${p("to_all")} and ${p("tlp")} <> 'TLP:RED')
    or exists (select 1 from coordination_post_recipients r where r.post_id = ${p("id")} and r.participant_id = ${participantId}))`;
}

/** The participants a post is mailed to: exactly those who see it (never its own author). */
export function mailRecipientsOf(
  post: PostFacts,
  recipients: readonly string[],
  participants: readonly { id: string }[],
): string[] {
  return participants
    .filter((p) => p.id !== post.author_participant_id && participantSeesPost(p.id, post, recipients))
    .map((p) => p.id);
}
