import type { Me, User } from "../../../contract/accounts.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { AuthState } from "../../platform/auth/authenticate.js";
import type { UserRow } from "./store.js";

/** A user row as the admin API shows it (never the hashes or the TOTP secret). */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    language: row.language,
    totpEnabled: row.totp_enabled_at !== null,
    disabled: row.disabled_at !== null,
    invited: row.password_hash === null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** `Me` from a user row (after login or a profile change). */
export function meFromRow(row: UserRow, csrfToken: string | null, requireTotp: boolean): Me {
  const totpEnabled = row.totp_enabled_at !== null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    language: row.language,
    totpEnabled,
    mustEnrolTotp: requireTotp && !totpEnabled && row.kind === "staff",
    csrfToken,
  };
}

/** `Me` from what the authentication hook already loaded: no query on this hot path. */
export function meFromRequest(actor: UserActor, state: AuthState): Me {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    roles: [...actor.roles],
    language: state.language,
    totpEnabled: state.totpEnabled,
    mustEnrolTotp: state.mustEnrolTotp,
    csrfToken: state.csrfToken,
  };
}
