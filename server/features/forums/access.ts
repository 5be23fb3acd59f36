import type { ServiceContext } from "../../platform/deps.js";
import { type ForumRow, type MemberRow, selectForum, selectMembershipOf } from "./forums-store.js";
import { type ForumViewer, assertSeesForum, forumHidden, forumViewer } from "./policy.js";

/** A forum as the viewer reached it: the row, who is looking, and their own membership (any status). */
export interface OpenForum {
  forum: ForumRow;
  viewer: ForumViewer;
  membership: MemberRow | null;
}

/**
 * The one way a use case reaches a forum: the viewer from the actor (403 for neither staff reader nor
 * member), the forum, and policy.ts's verdict — an unknown id and a forum the member is not in are the
 * same 404.
 */
export async function openForum(ctx: ServiceContext, forumId: string): Promise<OpenForum> {
  const viewer = forumViewer(ctx.actor);
  const forum = await selectForum(ctx.db, forumId);
  if (!forum) throw forumHidden(forumId);
  const membership = (await selectMembershipOf(ctx.db, forumId, viewer.userId)) ?? null;
  assertSeesForum(viewer, forumId, membership);
  return { forum, viewer, membership };
}
