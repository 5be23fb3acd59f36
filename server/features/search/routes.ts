import { SearchPage, SearchQuery } from "../../../contract/search.js";
import { CASE_READERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { search } from "./search.js";

/** GET /api/v1/search: full text across reports, incidents, notes and messages the caller may see. */
export function registerSearchRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  app.get(
    "/api/v1/search",
    {
      config: CASE_READERS,
      schema: { tags: ["search"], security: STAFF_SECURITY, querystring: SearchQuery, response: { 200: SearchPage } },
    },
    async (req) => search(staffContext(req, deps, CASE_READERS), req.query),
  );
}
