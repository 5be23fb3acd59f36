import type { Generated } from "kysely";
import type { Role, UserRole } from "../../../../contract/roles.js";

/** Mirrors server/migrations/0002_accounts.sql. Roles are written only through the contract's Role. */
export type StaffRole = Role;
export type UserKind = "staff" | "member";
export type Language = "sv" | "en";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  kind: Generated<UserKind>;
  organisation_id: string | null;
  /** Staff roles, or exactly `{member}` for a member (migration 0043 checks it). */
  roles: UserRole[];
  password_hash: string | null;
  language: Generated<Language>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  last_login_at: Date | null;
  disabled_at: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  label: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

/** Mirrors server/migrations/0018_login_throttle.sql (login_failures of 0002 is gone). */
export interface LoginThrottleTable {
  email: string;
  client: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

/** Mirrors server/migrations/0025_account_links.sql. */
export type AccountLinkPurpose = "invite" | "reset";

export interface AccountLinksTable {
  id: Generated<string>;
  user_id: string;
  purpose: AccountLinkPurpose;
  token_hash: string;
  revoke_tokens: boolean;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  recovery_codes: RecoveryCodesTable;
  login_throttle: LoginThrottleTable;
  account_links: AccountLinksTable;
}
