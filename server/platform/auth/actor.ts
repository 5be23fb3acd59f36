import { ROLES, holdsRole, staffRolesOf } from "../../../contract/roles.js";
import type { UserRole } from "../../../contract/roles.js";
import type { StaffRole, UserKind } from "../db/tables/accounts.js";

export const STAFF_ROLES = ROLES;

/** Who is acting: a signed-in person or token, the system itself (CLI, worker), or nobody. */
export type Actor =
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      userKind: UserKind;
      organisationId: string | null;
      roles: readonly UserRole[];
      via: "session" | "token";
      /** Set when the request is authenticated by an API token. */
      tokenId: string | null;
    }
  | { kind: "system"; name: string }
  | { kind: "anonymous" };

export type UserActor = Extract<Actor, { kind: "user" }>;

/** A constituent organisation's member, bound to their organisation (migration 0043 guarantees one). */
export type MemberActor = UserActor & { userKind: "member"; organisationId: string };

/** True for a signed-in member of a constituent organisation. */
export function isMember(actor: Actor): actor is MemberActor {
  return actor.kind === "user" && actor.userKind === "member" && actor.organisationId !== null;
}

export const anonymous: Actor = { kind: "anonymous" };
export const systemActor = (name: string): Actor => ({ kind: "system", name });

/** A short human label for logs and the audit trail. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.via === "token" ? `${actor.email} (token)` : actor.email;
    case "system":
      return `system:${actor.name}`;
    case "anonymous":
      return "anonymous";
  }
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.kind === "user" && staffRolesOf(actor.roles).some((r) => roles.includes(r));
}

/** True for a user holding one of `allowed` or admin (contract/roles.ts's lists). */
export function actorHolds(actor: Actor, allowed: readonly StaffRole[]): boolean {
  return actor.kind === "user" && holdsRole(actor.roles, allowed);
}
