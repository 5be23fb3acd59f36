import type { IntroductionCreate, MembershipSettings } from "../../../contract/forums.js";
import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden, invalid, notFound } from "../../platform/errors.js";
import { queueMail } from "../../platform/mail/index.js";
import { loadOpenPgp } from "../../platform/openpgp.js";
import { openForum } from "./access.js";
import { audit } from "./audit.js";
import { introductionMail } from "./forum-mail.js";
import { moveMember, selectMember, selectMembers } from "./forums-store.js";
import { insertIntroduction, selectIntroductions } from "./posts-store.js";
import { toDirectoryEntry, toIntroduction } from "./present.js";

// The directory inside a forum (active members' name, organisation, role and contact, for the forum's
// members and staff only: openForum's 404 keeps everyone else out), introductions between members, and
// what a member sets about themselves: directory entry, key, digest, the yearly confirmation.

/** The forum's active members as its directory. */
export async function getDirectory(ctx: ServiceContext, forumId: string) {
  await openForum(ctx, forumId);
  const members = await selectMembers(ctx.db, forumId);
  return { items: members.filter((m) => m.status === "active").map(toDirectoryEntry) };
}

/** Introductions: staff see all, a member those that name them. */
export async function listIntroductions(ctx: ServiceContext, forumId: string) {
  const { viewer, membership } = await openForum(ctx, forumId);
  const mine = viewer.kind === "member" ? membership?.id : undefined;
  return { items: (await selectIntroductions(ctx.db, forumId, mine)).map(toIntroduction) };
}

/**
 * The caller introduces two active members (a member may introduce themselves: `a` omitted), recorded and
 * mailed to both with the other's contact.
 */
export async function introduce(
  ctx: ServiceContext,
  config: Pick<Config, "publicUrl" | "cert">,
  forumId: string,
  input: IntroductionCreate,
) {
  const { forum, viewer, membership } = await openForum(ctx, forumId);
  if (viewer.kind === "member" && membership?.status !== "active") throw forbidden();
  const aId = input.a ?? membership?.id;
  if (aId === undefined) throw forbidden("forbidden", "Name both members");
  return ctx.db.transaction().execute(async (tx) => {
    const a = await selectMember(tx, forumId, aId);
    const b = await selectMember(tx, forumId, input.b);
    const missing = [a, b].find((m) => m?.status !== "active");
    if (!a || !b || missing) throw notFound("forum_member_not_found", "No such active member in this forum");
    if (a.id === b.id) throw forbidden("forbidden", "Two different members");
    const id = await insertIntroduction(tx, {
      forum_id: forumId,
      introduced_by: viewer.userId,
      member_a: a.id,
      member_b: b.id,
      note: input.note,
      created_at: ctx.clock.now(),
    });
    for (const [to, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const words = introductionMail(
        to.user_language ?? "sv",
        { forum: forum.name, by: viewer.actor.name, other, note: input.note },
        config,
      );
      await queueMail(tx, ctx.clock, { to: to.email, ...words });
    }
    await audit(ctx, tx, "forums.introduced", forumId, { forum: forum.name, a: a.name, b: b.name });
    const row = (await selectIntroductions(tx, forumId)).find((i) => i.id === id);
    if (!row) throw notFound("not_found");
    return toIntroduction(row);
  });
}

async function fingerprintOf(armoredKey: string): Promise<string> {
  const pgp = await loadOpenPgp();
  try {
    const key = await pgp.readKey({ armoredKey });
    await key.getEncryptionKey();
    return key.getFingerprint().toUpperCase();
  } catch {
    throw invalid("forum_pgp_key_invalid", "The OpenPGP key cannot be read or cannot encrypt", [
      { path: "body.pgpKey", message: "Not a usable OpenPGP public key", code: "invalid" },
    ]);
  }
}

/** A member's own entry and delivery: role, telephone, key (encrypted list mail), daily digest. */
export async function updateMembership(ctx: ServiceContext, forumId: string, input: MembershipSettings) {
  const { forum, membership } = await openForum(ctx, forumId);
  if (membership?.status !== "active") throw forbidden();
  const key = input.pgpKey === undefined ? undefined : input.pgpKey === null ? null : input.pgpKey.trim();
  const fingerprint = key ? await fingerprintOf(key) : key;
  await ctx.db.transaction().execute(async (tx) => {
    await moveMember(tx, membership.id, ["active"], {
      ...(input.digest === undefined ? {} : { digest: input.digest }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      ...(key === undefined ? {} : { pgp_key: key, pgp_fingerprint: fingerprint ?? null }),
    });
    await audit(ctx, tx, "forums.membership_updated", forumId, {
      forum: forum.name,
      name: membership.name,
      ...(input.digest === undefined ? {} : { digest: input.digest }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      ...(key === undefined ? {} : { pgpFingerprint: fingerprint ?? null }),
    });
  });
}

/** The member answers the yearly question: confirmed for another year. */
export async function reconfirmMembership(ctx: ServiceContext, forumId: string): Promise<void> {
  const { forum, membership } = await openForum(ctx, forumId);
  if (membership?.status !== "active") throw forbidden();
  await ctx.db.transaction().execute(async (tx) => {
    await moveMember(tx, membership.id, ["active"], { confirmed_at: ctx.clock.now(), reconfirm_asked_at: null });
    await audit(ctx, tx, "forums.membership_confirmed", forumId, { forum: forum.name, name: membership.name });
  });
}
