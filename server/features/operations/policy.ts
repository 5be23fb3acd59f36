import type { Actor } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

/** Only admins see the audit trail, the outbox and the job queue, and only they retry jobs. */
export function assertMayOperate(actor: Actor): void {
  if (actor.kind === "user" && actor.roles.includes("admin")) return;
  if (actor.kind === "system") return;
  throw forbidden();
}
