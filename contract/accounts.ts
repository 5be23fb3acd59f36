import { z } from "zod";

// Console "Accounts" API: setup, sign-in, profile, TOTP, API tokens, users, security settings.
// Shared by the server (validation) and the web (types). See the console API contract.

const Time = z.iso.datetime({ offset: true });
// PostgreSQL text cannot hold NUL, and no name or address needs control characters.
const NO_CONTROL = /^\P{Cc}*$/u;
const noControl = { message: "must not contain control characters" };

export const Role = z.enum(["admin", "duty", "analyst", "publisher", "observer"]);
export type Role = z.infer<typeof Role>;

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
  roles: z.array(Role),
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

export const UserPage = z.object({ items: z.array(User), nextCursor: z.string().nullable() });
export type UserPage = z.infer<typeof UserPage>;

export const UserCreate = z.object({
  email: Email,
  name: PersonName,
  roles: z.array(Role).min(1).max(5),
  password: Password,
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z.object({
  name: PersonName.optional(),
  roles: z.array(Role).min(1).max(5).optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const SecuritySettings = z.object({ requireTotp: z.boolean() });
export type SecuritySettings = z.infer<typeof SecuritySettings>;
