import { Dashboard } from "../../../contract/dashboard.js";
import { CASE_READERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { dashboard } from "./dashboard.js";

/** GET /api/v1/dashboard: the duty dashboard, counted over what the caller may see. */
export function registerDashboardRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  app.get(
    "/api/v1/dashboard",
    { config: CASE_READERS, schema: { tags: ["dashboard"], security: STAFF_SECURITY, response: { 200: Dashboard } } },
    async (req) => dashboard(staffContext(req, deps, CASE_READERS)),
  );
}
