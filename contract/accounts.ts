import { z } from "zod";
import { Role, UserRole } from "./roles.js";

export { Role } from "./roles.js";
import { PageOf } from "./page.js";

// Console "Accounts" API: setup, sign-in, profile, TOTP, API tokens, users, security settings.
// Shared by the server (validation) and the web (types). See the console API contract.

const Time = z.iso.datetime({ offset: true });
// PostgreSQL text cannot hold NUL, and no name or address needs control characters.
const NO_CONTROL = /^\P{Cc}*$/u;
const noControl = { message: "must not contain control characters" };

export const Language = z.enum(["sv", "en"]);
export type Language = z.infer<typeof Language>;

/** An e-mail address as stored: trimmed, lower-case. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Limits only; strength (length ≥ 12, not common, not the e-mail or name) is checked by the server. */
export const Password = z.string().min(1).max(1024);

const PersonName = z.string().trim().min(1).max(200).regex(NO_CONTROL, noControl);

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** Staff roles, or `["member"]` for a constituent organisation's member. */
  roles: z.array(UserRole),
  /** staff: the console; member: the member area (/member), bound to `organisationId`. */
  kind: z.enum(["staff", "member"]),
  organisationId: z.string().nullable(),
  language: Language,
  totpEnabled: z.boolean(),
  /** True when an admin requires 2FA and this user has none: other endpoints answer 403 until enrolled. */
  mustEnrolTotp: z.boolean(),
  /** Send as `x-csrf-token` on cookie-authenticated writes; null when signed in with an API token. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  language: Language,
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  /** Invited and not yet accepted: no password chosen, cannot sign in. */
  invited: z.boolean(),
  createdAt: Time,
  lastLoginAt: Time.nullable().optional(),
});
export type User = z.infer<typeof User>;

export const SetupStatus = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupBody = z.object({
  token: z.string().min(1).max(200),
  email: Email,
  name: PersonName,
  password: Password,
});
export type SetupBody = z.infer<typeof SetupBody>;

export const SetupDone = z.object({ email: z.string() });
export type SetupDone = z.infer<typeof SetupDone>;

export const LoginBody = z.object({
  // Not validated as an address: anything typed gets the same answer as an unknown account.
  email: z.string().trim().toLowerCase().min(1).max(254).regex(NO_CONTROL, noControl),
  password: Password,
  /** A 6-digit TOTP code or a recovery code. */
  totp: z.string().trim().max(64).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const MePatch = z.object({ language: Language.optional(), name: PersonName.optional() });
export type MePatch = z.infer<typeof MePatch>;

export const PasswordChange = z.object({
  currentPassword: Password,
  newPassword: Password,
  /** Also revoke every API token of the account (a password change after a suspected compromise). */
  revokeTokens: z.boolean().default(false),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpConfirm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "six digits"),
});
export type TotpConfirm = z.infer<typeof TotpConfirm>;

/** Turning TOTP off proves the person is there: a current code from the app, or the password. */
export const TotpDisable = z
  .object({ code: z.string().trim().max(64).optional(), password: Password.optional() })
  .refine((v) => v.code !== undefined || v.password !== undefined, {
    message: "a current code or the password is required",
    params: { code: "required" },
    path: ["code"],
  });
export type TotpDisable = z.infer<typeof TotpDisable>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const TokenSummary = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: Time,
  lastUsedAt: Time.nullable(),
  revokedAt: Time.nullable(),
});
export type TokenSummary = z.infer<typeof TokenSummary>;

export const TokenList = z.object({ items: z.array(TokenSummary) });
export type TokenList = z.infer<typeof TokenList>;

export const TokenCreate = z.object({ label: z.string().trim().min(1).max(100).regex(NO_CONTROL, noControl) });
export type TokenCreate = z.infer<typeof TokenCreate>;

export const TokenCreated = z.object({ id: z.string(), label: z.string(), token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

export const IdParams = z.object({ id: z.uuid() });
export type IdParams = z.infer<typeof IdParams>;

export const UsersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(400).optional(),
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UserPage = PageOf(User);
export type UserPage = z.infer<typeof UserPage>;

/** At least one role, chosen by the admin (the console ticks none by default). */
const Roles = z.array(Role).min(1, "choose at least one role").max(5);

/** A user made by the CLI or setup, with a password (`fyr user add`, the first admin). */
export const UserCreate = z.object({
  email: Email,
  name: PersonName,
  roles: Roles,
  password: Password,
});
export type UserCreate = z.infer<typeof UserCreate>;

/**
 * `POST /api/v1/users`: an admin invites a staff user, who gets a one-time link by mail (in `language`,
 * default Swedish) to choose their own password. Strict: a script still sending a `password` hears 400
 * instead of believing it set one.
 */
export const UserInvite = z.strictObject({
  email: Email,
  name: PersonName,
  roles: Roles,
  language: Language.optional(),
});
export type UserInvite = z.infer<typeof UserInvite>;

/** `POST /api/v1/users/{id}/password-reset`: also revoke the user's API tokens once the link is used. */
export const PasswordResetRequest = z.object({ revokeTokens: z.boolean().default(false) });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** A one-time link was mailed; it works until `expiresAt`, once. */
/** "Forgot your password?": the address to mail a reset link to, if it is an account's. */
export const PasswordForgot = z.object({ email: Email });
export type PasswordForgot = z.infer<typeof PasswordForgot>;

export const AccountLinkSent = z.object({ expiresAt: Time });
export type AccountLinkSent = z.infer<typeof AccountLinkSent>;

export const AccountLinkPurpose = z.enum(["invite", "reset"]);
export type AccountLinkPurpose = z.infer<typeof AccountLinkPurpose>;

/** The token from a mailed link (`/console/invite#…`, `/console/reset-password#…`): sent in a body, never a URL. */
export const AccountLinkToken = z.object({ token: z.string().min(1).max(200) });
export type AccountLinkToken = z.infer<typeof AccountLinkToken>;

/** What a valid link is for, so its page can greet the person (the link is not used up by asking). */
export const AccountLinkInfo = z.object({
  purpose: AccountLinkPurpose,
  email: z.string(),
  name: z.string(),
  language: Language,
  expiresAt: Time,
});
export type AccountLinkInfo = z.infer<typeof AccountLinkInfo>;

export const AccountLinkPassword = z.object({ token: z.string().min(1).max(200), password: Password });
export type AccountLinkPassword = z.infer<typeof AccountLinkPassword>;

export const AccountLinkDone = z.object({ purpose: AccountLinkPurpose, email: z.string() });
export type AccountLinkDone = z.infer<typeof AccountLinkDone>;

export const UserPatch = z.object({
  name: PersonName.optional(),
  roles: Roles.optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const SecuritySettings = z.object({ requireTotp: z.boolean() });
export type SecuritySettings = z.infer<typeof SecuritySettings>;
