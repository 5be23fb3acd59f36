import type { Actor } from "../../platform/auth/actor.js";
import { AppError, forbidden } from "../../platform/errors.js";

/** Only admins (or the system itself: CLI, start-up) manage users and security settings. */
export function assertMayManageUsers(actor: Actor): void {
  if (actor.kind === "system") return;
  if (actor.kind === "user" && actor.roles.includes("admin")) return;
  throw forbidden();
}

/** Refuses a change that would leave no active admin (`remaining` = active admins after it). */
export function assertAdminRemains(remaining: number): void {
  if (remaining < 1) throw new AppError("last_admin", "conflict", "At least one active admin must remain");
}

/** The id a user actor acts as, or 401 for anyone else (own-account use cases). */
export function ownUserId(actor: Actor): string {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "unauthenticated", "Sign in first");
  return actor.userId;
}
