import type { Actor } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

/** Duty officers, analysts and admins read reports; observers too (read-only). */
export function assertMayReadReports(actor: Actor): void {
  if (actor.kind === "user" && actor.roles.some((r) => ["admin", "duty", "analyst", "observer"].includes(r))) return;
  throw forbidden("forbidden", "Your roles do not allow reading reports");
}

/** Duty officers, analysts and admins act on reports: acknowledge, reject, write, register by phone. */
export function assertMayHandleReports(actor: Actor): void {
  if (actor.kind === "user" && actor.roles.some((r) => ["admin", "duty", "analyst"].includes(r))) return;
  throw forbidden("forbidden", "Your roles do not allow handling reports");
}
