import { z } from "zod";
import type { ForumPost, ForumPostCreate, ForumPostPage, ForumPostQuery } from "../../../contract/forums.js";
import type { Db } from "../../platform/db/connect.js";
import type { ForumPostKind } from "../../platform/db/tables/forums.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/index.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { openForum } from "./access.js";
import { audit } from "./audit.js";
import { distributeSpec } from "./distribute-spec.js";
import type { ForumRow } from "./forums-store.js";
import { assertMayPost, assertTlpWithinForum, maySeePost, redPostsFor } from "./policy.js";
import { insertPost, selectPost, selectPosts } from "./posts-store.js";
import { toPost } from "./present.js";

// Posts and meeting notes: written on the web (members and staff) or by mail to the list address, within
// the forum's TLP bounds; the archive pages by keyset, newest first; each new post is distributed by a
// job queued in the same transaction (distribute.ts).

const archive = keyset(z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() }));

/** What any new post is, whichever way it came. */
export interface NewPost {
  kind: ForumPostKind;
  title: string;
  body: string;
  tlp: TlpLabel;
  meetingOn: string | null;
  authorId: string;
  via: "web" | "mail";
}

/** Stores a post in the caller's transaction with its audit entry and its distribution job. */
export async function storePost(ctx: ServiceContext, tx: Db, forum: ForumRow, post: NewPost): Promise<string> {
  const id = await insertPost(tx, {
    forum_id: forum.id,
    kind: post.kind,
    title: post.title,
    body: post.body,
    tlp: post.tlp,
    meeting_on: post.meetingOn,
    author_id: post.authorId,
    via: post.via,
    created_at: ctx.clock.now(),
  });
  await audit(ctx, tx, post.kind === "note" ? "forums.note_added" : "forums.posted", forum.id, {
    forum: forum.name,
    title: post.title,
    tlp: post.tlp,
    via: post.via,
  });
  await enqueue(tx, distributeSpec, { postId: id });
  return id;
}

/** A member or staff posts (or writes a meeting note); a TLP above the forum's maximum is a field error. */
export async function createPost(ctx: ServiceContext, forumId: string, input: ForumPostCreate): Promise<ForumPost> {
  const { forum, viewer, membership } = await openForum(ctx, forumId);
  assertMayPost(viewer, membership);
  const tlp = assertTlpWithinForum({ maxTlp: forum.max_tlp, defaultTlp: forum.default_tlp }, input.tlp);
  const id = await ctx.db.transaction().execute((tx) =>
    storePost(ctx, tx, forum, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      tlp,
      meetingOn: input.kind === "note" ? (input.meetingOn ?? ctx.clock.now().toISOString().slice(0, 10)) : null,
      authorId: viewer.userId,
      via: "web",
    }),
  );
  const row = await selectPost(ctx.db, id);
  if (!row) throw notFound("not_found");
  return toPost(row);
}

/** A page of the forum's archive as the viewer may see it (TLP:RED per policy.ts). */
export async function listPosts(ctx: ServiceContext, forumId: string, query: ForumPostQuery): Promise<ForumPostPage> {
  const { viewer, membership } = await openForum(ctx, forumId);
  const red = redPostsFor(viewer, membership);
  const page = await readKeysetPage(
    query,
    archive,
    (window) => selectPosts(ctx.db, forumId, { kind: query.kind, red }, window),
    (row) => ({ at: row.created_at.toISOString(), id: row.id }),
  );
  // The SQL condition and the predicate are the same rule; the predicate guards the page once more.
  const items = page.rows.filter((p) => maySeePost(viewer, membership, { tlp: p.tlp, authorId: p.author_id }));
  return { items: items.map(toPost), nextCursor: page.nextCursor };
}
