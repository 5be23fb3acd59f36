import type {
  AccountLinkDone,
  AccountLinkInfo,
  AccountLinkPassword,
  AccountLinkSent,
  PasswordResetRequest,
} from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { hashPassword } from "../../platform/auth/password.js";
import { randomSecret, sha256Hex } from "../../platform/auth/secrets.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { AccountLinkPurpose, UserKind } from "../../platform/db/tables/accounts.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { queueAccountLinkMail } from "./account-link-mail.js";
import {
  findLiveAccountLink,
  insertAccountLink,
  revokeOpenAccountLinks,
  takeLiveAccountLink,
} from "./account-link-store.js";
import { assertStrongPassword } from "./password-strength.js";
import { assertMayManageUsers } from "./policy.js";
import { storeNewPassword } from "./reset-password.js";
import { type UserRow, findUserById, lockUserById } from "./store.js";

// One-time links by mail with which a person chooses their own password: an invitation (a new user)
// or a password reset (an admin sends it). One mechanism for both: a random token mailed, its SHA-256
// stored, usable once until it expires; a newer link, a password set or the user disabled revokes it.

/** How long a link works: a new colleague may read the invitation after a weekend; a reset is urgent. */
export const ACCOUNT_LINK_TTL_MS: Record<AccountLinkPurpose, number> = {
  invite: 72 * 3_600_000,
  reset: 24 * 3_600_000,
};

/**
 * The page each link opens, by who it is for: staff in the console, a member in the member area (served
 * by the public role). The token travels in the fragment, which no server or log sees.
 */
export const ACCOUNT_LINK_PAGE: Record<UserKind, Record<AccountLinkPurpose, string>> = {
  staff: { invite: "/console/invite", reset: "/console/reset-password" },
  member: { invite: "/member/invite", reset: "/member/reset-password" },
};

/** A reset the person asked for themselves (the sign-in page's "forgot password"): they are at the screen now. */
export const REQUESTED_RESET_TTL_MS = 3_600_000;

export type LinkConfig = Pick<Config, "publicUrl" | "timeZone">;

export interface IssueOptions {
  /** The new password also revokes the user's API tokens. */
  revokeTokens?: boolean;
  /** A member's organisation, named in their mail. */
  organisationName?: string;
  /** The person asked for it from the sign-in page (no admin sent it): a shorter life, other words. */
  requested?: boolean;
}

const invalidLink = () =>
  new AppError("account_link_invalid", "forbidden", "The link is wrong, used, replaced by a newer one or expired");

/**
 * In the caller's transaction: revokes the user's earlier links, stores a new one and queues its mail
 * in the user's language, audited. The token exists only in that mail.
 */
export async function issueAccountLink(
  tx: Db,
  ctx: ServiceContext,
  config: LinkConfig,
  user: UserRow,
  purpose: AccountLinkPurpose,
  options: IssueOptions = {},
): Promise<AccountLinkSent> {
  const { revokeTokens = false, organisationName, requested = false } = options;
  const now = ctx.clock.now();
  const ttl = requested ? REQUESTED_RESET_TTL_MS : ACCOUNT_LINK_TTL_MS[purpose];
  const expiresAt = new Date(now.getTime() + ttl);
  const token = randomSecret(32);
  const replaced = await revokeOpenAccountLinks(tx, user.id, now);
  const link = await insertAccountLink(tx, {
    userId: user.id,
    purpose,
    tokenHash: sha256Hex(token),
    revokeTokens,
    createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    at: now,
    expiresAt,
  });
  await queueAccountLinkMail(tx, ctx.clock, {
    purpose,
    to: user.email,
    name: user.name,
    language: user.language,
    sentBy: ctx.actor.kind === "user" ? ctx.actor.name : null,
    url: `${config.publicUrl}${ACCOUNT_LINK_PAGE[user.kind][purpose]}#${token}`,
    organisationName: user.kind === "member" ? (organisationName ?? null) : null,
    requested,
    expiresAt,
    timeZone: config.timeZone,
  });
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action: purpose === "invite" ? "user.invitation_sent" : "password.reset_link_sent",
    target: { type: "user", id: user.id },
    diff: {
      linkId: link.id,
      expiresAt,
      linksReplaced: replaced,
      ...(revokeTokens ? { revokeTokens } : {}),
      ...(requested ? { by: "self" } : {}),
    },
    ip: ctx.ip,
  });
  return { expiresAt: expiresAt.toISOString() };
}

async function lockStaffUser(tx: Db, userId: string): Promise<UserRow> {
  const user = await lockUserById(tx, userId);
  if (!user || user.kind !== "staff") throw notFound("user_not_found", "No such user");
  if (user.disabled_at !== null) throw conflict("user_disabled", "The user is disabled; enable the account first");
  return user;
}

/** An admin mails an invited user a new invitation link (the old one stops working). */
export async function resendInvitation(
  ctx: ServiceContext,
  config: LinkConfig,
  userId: string,
): Promise<AccountLinkSent> {
  assertMayManageUsers(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await lockStaffUser(tx, userId);
    if (user.password_hash !== null) throw conflict("user_not_invited", "The user has accepted the invitation");
    return issueAccountLink(tx, ctx, config, user, "invite");
  });
}

/**
 * An admin mails a user a link to choose a new password; nothing changes until it is used (then the
 * user's sessions end, and their API tokens with `revokeTokens`). An invited user gets a new invitation
 * from `resendInvitation` instead.
 */
export async function sendPasswordReset(
  ctx: ServiceContext,
  config: LinkConfig,
  userId: string,
  input: PasswordResetRequest,
): Promise<AccountLinkSent> {
  assertMayManageUsers(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await lockStaffUser(tx, userId);
    if (user.password_hash === null) throw conflict("user_invited", "The user has not accepted the invitation yet");
    return issueAccountLink(tx, ctx, config, user, "reset", { revokeTokens: input.revokeTokens });
  });
}

async function liveLinkAndUser(db: Db, token: string, at: Date) {
  const link = await findLiveAccountLink(db, sha256Hex(token), at);
  const user = link ? await findUserById(db, link.user_id) : undefined;
  if (!link || !user || user.disabled_at !== null) throw invalidLink();
  return { link, user };
}

/** What a link is for and whom it greets; it stays usable (the page asks before the person types). */
export async function inspectAccountLink(ctx: ServiceContext, token: string): Promise<AccountLinkInfo> {
  const { link, user } = await liveLinkAndUser(ctx.db, token, ctx.clock.now());
  return {
    purpose: link.purpose,
    email: user.email,
    name: user.name,
    language: user.language,
    expiresAt: link.expires_at.toISOString(),
  };
}

/**
 * The person behind a link chooses their password: the link is used up, the password stored the one
 * way passwords are (every session ends; API tokens too when the reset asked for it). The person then
 * signs in as usual — with their second factor, if they have one — so a link never bypasses 2FA.
 */
export async function completeAccountLink(ctx: ServiceContext, input: AccountLinkPassword): Promise<AccountLinkDone> {
  const { user } = await liveLinkAndUser(ctx.db, input.token, ctx.clock.now());
  assertStrongPassword(input.password, user, "body.password");
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    // Taken in one statement: of two browsers racing with the same link, the second finds it used.
    const link = await takeLiveAccountLink(tx, sha256Hex(input.token), now);
    if (!link || link.user_id !== user.id) throw invalidLink();
    const locked = await lockUserById(tx, user.id);
    if (!locked || locked.disabled_at !== null) throw invalidLink();
    const tokensRevoked = await storeNewPassword(tx, now, {
      userId: user.id,
      passwordHash,
      revokeTokens: link.revoke_tokens,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "password.changed",
      target: { type: "user", id: user.id },
      diff: {
        by: link.purpose === "invite" ? "invitation" : "reset_link",
        linkId: link.id,
        ...(link.revoke_tokens ? { tokensRevoked } : {}),
      },
      ip: ctx.ip,
    });
    return { purpose: link.purpose, email: user.email };
  });
}
