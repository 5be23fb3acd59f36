import { FORUM_MANAGER_ROLES, FORUM_READER_ROLES } from "../../../contract/roles.js";
import { type Actor, type UserActor, actorHolds, hasRole } from "../../platform/auth/actor.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors.js";
import { tlpRank } from "../../platform/tlp.js";

// THE forums' visibility policy, written once; every read, count, error and mail of the feature asks it.
//
// - A forum is seen by staff who read forums (FORUM_READER_ROLES) and by its *active* members. To anyone
//   else — a member of another forum, a proposed, lapsed or removed member, an external member — it does
//   not exist: the same 404 as an id nobody has (`forumHidden`), counted nowhere.
// - Posts and notes follow their forum, with one more rule under TLP 2.0: a TLP:RED post is for named
//   recipients, so staff see it only as an active member of the forum, its author or an admin. No post is
//   above the forum's maximum TLP (refused on the way in, `assertTlpWithinForum`).
// - The directory and introductions are the forum's members' (and staff who read forums); the list mail
//   goes to active members only, and mail to the list is taken only from an active member's address.
// - An external member (kind member, no organisation) is a forum member like any other here; that they
//   reach nothing else is the route guard's (auth/guard.ts, `fyrExternalMembers`).

/** Who is looking: staff (through the console) or a member (through the member area). */
export type ForumViewer =
  | { kind: "staff"; actor: UserActor; userId: string; admin: boolean }
  | { kind: "member"; actor: UserActor; userId: string };

/** The viewer for an actor, or 403: staff who read forums, or any signed-in member (external too). */
export function forumViewer(actor: Actor): ForumViewer {
  if (actor.kind !== "user") throw forbidden();
  if (actor.userKind === "member") return { kind: "member", actor, userId: actor.userId };
  if (!actorHolds(actor, FORUM_READER_ROLES)) throw forbidden();
  return { kind: "staff", actor, userId: actor.userId, admin: hasRole(actor, "admin") };
}

/** Staff who create and edit forums, propose people and remove members. */
export function assertMayManageForums(actor: Actor): void {
  if (actor.kind !== "user" || actor.userKind === "member" || !actorHolds(actor, FORUM_MANAGER_ROLES))
    throw forbidden("forbidden", "Only duty officers, analysts and admins manage forums");
}

/** Vetting: only an admin approves or rejects a proposal. */
export function assertMayDecideProposals(actor: Actor): void {
  if (!hasRole(actor, "admin") || (actor.kind === "user" && actor.userKind === "member"))
    throw forbidden("forbidden", "Only an admin approves or rejects a forum proposal");
}

/** The one "not yours" answer: word for word what an unknown forum id gets. */
export const forumHidden = (id: string) => notFound("forum_not_found", `No forum ${id}`);

/** What the viewer's own membership of a forum is, as the policy needs it. */
export interface ViewerMembership {
  id: string;
  status: string;
}

/** 404 unless the viewer sees the forum: staff readers, or its active members. */
export function assertSeesForum(viewer: ForumViewer, forumId: string, membership: ViewerMembership | null): void {
  if (viewer.kind === "staff") return;
  if (membership?.status !== "active") throw forumHidden(forumId);
}

/** True when the viewer may read this post of a forum they see. */
export function maySeePost(
  viewer: ForumViewer,
  membership: ViewerMembership | null,
  post: { tlp: TlpLabel; authorId: string },
): boolean {
  if (membership?.status === "active") return true;
  if (viewer.kind === "member") return false;
  return post.tlp !== "TLP:RED" || viewer.admin || post.authorId === viewer.userId;
}

/**
 * The SQL-facing form of maySeePost for a list or a count: whether TLP:RED posts are in, and whose
 * (null: every RED post; a user id: only that author's).
 */
export function redPostsFor(viewer: ForumViewer, membership: ViewerMembership | null): "all" | { authorId: string } {
  if (membership?.status === "active") return "all";
  if (viewer.kind === "staff" && viewer.admin) return "all";
  return { authorId: viewer.userId };
}

/**
 * Who may post or write a meeting note (members write notes too: the secretary is often one): active
 * members, and staff who manage forums. Otherwise 403 (the forum is seen).
 */
export function assertMayPost(viewer: ForumViewer, membership: ViewerMembership | null): void {
  if (membership?.status === "active") return;
  if (viewer.kind === "staff") return assertMayManageForums(viewer.actor);
  throw forbidden();
}

/** Sponsors: an active member of the forum, or staff who manage forums. */
export function assertMayPropose(viewer: ForumViewer, membership: ViewerMembership | null): void {
  if (membership?.status === "active") return;
  if (viewer.kind === "staff") return assertMayManageForums(viewer.actor);
  throw forbidden();
}

/** A post's TLP: the forum's default when none is given; above the forum's maximum a field error. */
export function assertTlpWithinForum(forum: { maxTlp: TlpLabel; defaultTlp: TlpLabel }, tlp?: TlpLabel): TlpLabel {
  const label = tlp ?? forum.defaultTlp;
  if (tlpRank(label) > tlpRank(forum.maxTlp))
    throw invalid("forum_post_invalid", `The forum takes posts up to ${forum.maxTlp}`, [
      { path: "body.tlp", message: `Stricter than the forum's maximum ${forum.maxTlp}`, code: "tlp_above_forum_max" },
    ]);
  return label;
}

/** A forum's own bounds: the maximum is never weaker than the default. */
export function assertTlpBounds(defaultTlp: TlpLabel, maxTlp: TlpLabel): void {
  if (tlpRank(maxTlp) < tlpRank(defaultTlp))
    throw invalid("forum_invalid", "The maximum TLP is weaker than the default", [
      { path: "body.maxTlp", message: "Weaker than the default TLP", code: "tlp_below_default" },
    ]);
}

/** Who receives a forum's mail and digests: its active members with an account, no one else. */
export function receivesForumMail(member: { status: string; userId: string | null }): boolean {
  return member.status === "active" && member.userId !== null;
}

/**
 * Whether a post's text may travel in clear mail: not TLP:RED (named recipients only — an unencrypted mail
 * is readable on every server it crosses). A RED post reaches a member without a key as a pointer to the
 * member area, never its text.
 */
export function mayMailInClear(tlp: TlpLabel): boolean {
  return tlp !== "TLP:RED";
}

/** Mail to the list is distributed only when it comes from an active member's address. */
export function mayMailForum(member: { status: string } | undefined): boolean {
  return member?.status === "active";
}

/** A staff-only part of the forum (proposals' details, held mail): members get 403 there. */
export function assertStaff(viewer: ForumViewer): asserts viewer is Extract<ForumViewer, { kind: "staff" }> {
  if (viewer.kind !== "staff") throw new AppError("forbidden", "forbidden", "Staff only");
}
