import type {
  ForumCreate,
  ForumDetail,
  ForumList,
  ForumPatch,
  MyForum,
  Forum as ForumShape,
} from "../../../contract/forums.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict } from "../../platform/errors.js";
import { openForum } from "./access.js";
import { audit } from "./audit.js";
import {
  type ForumRow,
  type MemberRow,
  insertForum,
  selectForum,
  selectForumByName,
  selectForums,
  selectMembers,
  updateForumRow,
} from "./forums-store.js";
import { RECONFIRM_GRACE_MS } from "./reconfirmation.js";
import { assertMayManageForums, assertStaff, assertTlpBounds, forumHidden, forumViewer } from "./policy.js";
import { toForum, toMember } from "./present.js";
import { selectHeldMail } from "./posts-store.js";

// Forums themselves: staff create and edit them and see every one; members see the forums they are active
// members of, and nothing of the others (policy.ts).

async function assertNameFree(ctx: ServiceContext, name: string, address: string | null, self?: string) {
  const other = await selectForumByName(ctx.db, name, address);
  if (other && other.id !== self) throw conflict("forum_name_taken", "A forum with this name or list address exists");
}

/** Staff create a forum with its TLP bounds and list address. */
export async function createForum(ctx: ServiceContext, input: ForumCreate): Promise<ForumShape> {
  assertMayManageForums(ctx.actor);
  assertTlpBounds(input.defaultTlp, input.maxTlp);
  const actor = ctx.actor;
  return ctx.db.transaction().execute(async (tx) => {
    await assertNameFree({ ...ctx, db: tx }, input.name, input.listAddress);
    const row = await insertForum(tx, {
      name: input.name,
      description: input.description,
      kind: input.kind,
      default_tlp: input.defaultTlp,
      max_tlp: input.maxTlp,
      list_address: input.listAddress,
      created_by: actor.kind === "user" ? actor.userId : null,
      created_at: ctx.clock.now(),
    });
    await audit(ctx, tx, "forums.created", row.id, {
      name: row.name,
      kind: row.kind,
      defaultTlp: row.default_tlp,
      maxTlp: row.max_tlp,
      listAddress: row.list_address,
    });
    return toForum(row, { members: 0, pending: 0 }, true);
  });
}

/** Staff change a forum; the TLP bounds are checked as they will stand. Existing posts keep their TLP. */
export async function updateForum(ctx: ServiceContext, id: string, patch: ForumPatch): Promise<ForumShape> {
  assertMayManageForums(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await selectForum(tx, id);
    if (!before) throw forumHidden(id);
    const after = {
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      kind: patch.kind ?? before.kind,
      default_tlp: patch.defaultTlp ?? before.default_tlp,
      max_tlp: patch.maxTlp ?? before.max_tlp,
      list_address: patch.listAddress === undefined ? before.list_address : patch.listAddress,
    };
    assertTlpBounds(after.default_tlp, after.max_tlp);
    await assertNameFree({ ...ctx, db: tx }, after.name, after.list_address, id);
    const row = await updateForumRow(tx, id, { ...after, updated_at: ctx.clock.now() });
    if (!row) throw forumHidden(id);
    const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof ForumRow] !== v));
    await audit(ctx, tx, "forums.updated", id, { name: row.name, changed });
    const counts = (await selectForums(tx)).find((f) => f.id === id) ?? { members: 0, pending: 0 };
    return toForum(row, counts, true);
  });
}

/** Staff: every forum with its counts. */
export async function listForums(ctx: ServiceContext): Promise<ForumList> {
  const viewer = forumViewer(ctx.actor);
  assertStaff(viewer);
  return { items: (await selectForums(ctx.db)).map((f) => toForum(f, f, true)) };
}

/** Staff: one forum, its members and proposals, and the mail it held. */
export async function getForumDetail(ctx: ServiceContext, id: string): Promise<ForumDetail> {
  const { forum, viewer } = await openForum(ctx, id);
  assertStaff(viewer);
  const members = await selectMembers(ctx.db, id);
  const held = await selectHeldMail(ctx.db, id, 50);
  return {
    forum: toForum(forum, countsOf(members), true),
    members: members.map(toMember),
    held: held.map((h) => ({
      id: h.id,
      sender: h.sender,
      subject: h.subject,
      reason: h.reason,
      receivedAt: h.received_at.toISOString(),
    })),
  };
}

const countsOf = (members: MemberRow[]) => ({
  members: members.filter((m) => m.status === "active").length,
  pending: members.filter((m) => m.status === "proposed").length,
});

function myForum(row: ForumRow & { members: number; pending: number }, m: MemberRow): MyForum {
  const lapsesAt = m.reconfirm_asked_at ? new Date(m.reconfirm_asked_at.getTime() + RECONFIRM_GRACE_MS) : null;
  return {
    ...toForum(row, row, false),
    membership: {
      id: m.id,
      confirmedAt: m.confirmed_at?.toISOString() ?? null,
      reconfirmDue: m.reconfirm_asked_at !== null,
      lapsesAt: lapsesAt?.toISOString() ?? null,
      digest: m.digest,
      role: m.role,
      phone: m.phone,
      hasPgpKey: m.pgp_key !== null,
    },
  };
}

/** A member's forums: those they are an active member of, nothing else. */
export async function listMyForums(ctx: ServiceContext): Promise<{ items: MyForum[] }> {
  const viewer = forumViewer(ctx.actor);
  const forums = await selectForums(ctx.db, viewer.userId);
  const items: MyForum[] = [];
  for (const f of forums) {
    const { membership } = await openForum(ctx, f.id);
    if (membership) items.push(myForum(f, membership));
  }
  return { items };
}

/** A member's forum (404 unless they are an active member). */
export async function getMyForum(ctx: ServiceContext, id: string): Promise<MyForum> {
  const { membership } = await openForum(ctx, id);
  const row = (await selectForums(ctx.db, forumViewer(ctx.actor).userId)).find((f) => f.id === id);
  if (!row || !membership) throw forumHidden(id);
  return myForum(row, membership);
}
