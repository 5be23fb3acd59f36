import type { CaseStaff } from "../../../contract/incidents.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";
import { selectStaffWithRoles } from "./incident-store.js";

const READERS = ["admin", "duty", "analyst", "observer"] as const;
const WORKERS: readonly string[] = ["admin", "duty", "analyst"];

/**
 * Who can be assigned (worksCases) or added as a member (any reader) — names and addresses only, so
 * duty officers and analysts can pick a colleague without the admin-only user list.
 */
export async function listCaseStaff(ctx: ServiceContext): Promise<CaseStaff> {
  if (!readsCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow reading incidents");
  const rows = await selectStaffWithRoles(ctx.db, READERS);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      roles: r.roles,
      worksCases: r.roles.some((role) => WORKERS.includes(role)),
    })),
  };
}
