import { CASE_READER_ROLES, CASE_WORKER_ROLES, REPORT_ACKNOWLEDGER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

/** Duty officers, analysts and admins read reports; observers too (read-only). */
export function assertMayReadReports(actor: Actor): void {
  if (actorHolds(actor, CASE_READER_ROLES)) return;
  throw forbidden("forbidden", "Your roles do not allow reading reports");
}

/** Duty officers, analysts and admins act on reports: reject, write, register by phone. */
export function assertMayHandleReports(actor: Actor): void {
  if (actorHolds(actor, CASE_WORKER_ROLES)) return;
  throw forbidden("forbidden", "Your roles do not allow handling reports");
}

/** Duty officers and admins acknowledge new reports (contract/roles.ts says why analysts do not). */
export function assertMayAcknowledgeReports(actor: Actor): void {
  if (actorHolds(actor, REPORT_ACKNOWLEDGER_ROLES)) return;
  throw forbidden("forbidden", "Only the duty officer acknowledges reports");
}
