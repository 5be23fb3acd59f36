import type { CaseStaff } from "../../../contract/incidents.js";
import { ADMIN_ROLES, CASE_READER_ROLES, CASE_WORKER_ROLES, holdsRole } from "../../../contract/roles.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";
import { selectStaffWithRoles } from "./incident-store.js";

/**
 * Who can be assigned (worksCases) or added as a member (any reader) — names and addresses only, so
 * duty officers and analysts can pick a colleague without the admin-only user list.
 */
export async function listCaseStaff(ctx: ServiceContext): Promise<CaseStaff> {
  if (!readsCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow reading incidents");
  const rows = await selectStaffWithRoles(ctx.db, [...ADMIN_ROLES, ...CASE_READER_ROLES]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      roles: r.roles,
      worksCases: holdsRole(r.roles, CASE_WORKER_ROLES),
    })),
  };
}
