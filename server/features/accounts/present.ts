import type { Me, User } from "../../../contract/accounts.js";
import { staffRolesOf } from "../../../contract/roles.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { UserKind } from "../../platform/db/tables/accounts.js";
import type { AuthState } from "../../platform/auth/authenticate.js";
import type { UserRow } from "./store.js";

/** A user row as the admin API shows it (never the hashes or the TOTP secret). */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: staffRolesOf(row.roles),
    language: row.language,
    totpEnabled: row.totp_enabled_at !== null,
    disabled: row.disabled_at !== null,
    invited: row.password_hash === null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/**
 * Whether the user must enrol TOTP before anything else: staff when an admin requires it, a member
 * always (the member area faces the Internet: a password alone never opens an organisation's data).
 */
export function mustEnrolTotp(kind: UserKind, totpEnabled: boolean, requireTotp: boolean): boolean {
  return !totpEnabled && (kind === "member" || requireTotp);
}

/** `Me` from a user row (after login or a profile change). */
export function meFromRow(row: UserRow, csrfToken: string | null, requireTotp: boolean): Me {
  const totpEnabled = row.totp_enabled_at !== null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    kind: row.kind,
    organisationId: row.organisation_id,
    language: row.language,
    totpEnabled,
    mustEnrolTotp: mustEnrolTotp(row.kind, totpEnabled, requireTotp),
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
    kind: actor.userKind,
    organisationId: actor.organisationId,
    language: state.language,
    totpEnabled: state.totpEnabled,
    mustEnrolTotp: state.mustEnrolTotp,
    csrfToken: state.csrfToken,
  };
}
