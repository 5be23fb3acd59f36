import { ROLES, holdsRole } from "../../../contract/roles.js";
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
      roles: readonly StaffRole[];
      via: "session" | "token";
      /** Set when the request is authenticated by an API token. */
      tokenId: string | null;
    }
  | { kind: "system"; name: string }
  | { kind: "anonymous" };

export type UserActor = Extract<Actor, { kind: "user" }>;

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
  return actor.kind === "user" && actor.roles.some((r) => roles.includes(r));
}

/** True for a user holding one of `allowed` or admin (contract/roles.ts's lists). */
export function actorHolds(actor: Actor, allowed: readonly StaffRole[]): boolean {
  return actor.kind === "user" && holdsRole(actor.roles, allowed);
}
