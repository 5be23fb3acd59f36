import { CASE_READER_ROLES, CASE_WORKER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { forbidden } from "../../platform/errors.js";

// Who reads and changes vulnerability data (issue 16): every staff reader reads (duty, analysts,
// observers); duty and analysts import, declare organisations' products and work the OSINT inbox. Fyr
// itself (the CLI, the worker's pulls) acts as a system actor. Vulnerability data is public knowledge
// (CVE, KEV, EPSS), so it carries no TLP; what joins it from cases (incidents) goes through tlp.ts.

export function mayReadVulnerabilities(actor: Actor): boolean {
  return (
    actor.kind === "system" ||
    (actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, CASE_READER_ROLES))
  );
}

export function assertMayReadVulnerabilities(actor: Actor): void {
  if (!mayReadVulnerabilities(actor)) throw forbidden("forbidden", "Your roles do not allow reading vulnerabilities");
}

export function mayWorkVulnerabilities(actor: Actor): boolean {
  return (
    actor.kind === "system" ||
    (actor.kind === "user" && actor.userKind === "staff" && actorHolds(actor, CASE_WORKER_ROLES))
  );
}

export function assertMayWorkVulnerabilities(actor: Actor): void {
  if (!mayWorkVulnerabilities(actor))
    throw forbidden("forbidden", "Only duty officers and analysts import vulnerability data and edit products");
}
