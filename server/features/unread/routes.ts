import { CaseReferenceParams, SeenReceipt, UnreadSummary } from "../../../contract/unread.js";
import { CASE_READERS, requireRole } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, serviceContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { markSeen, unreadSummary } from "./unread.js";

const tags = ["unread"];
const security = STAFF_SECURITY;

/**
 * "New since you looked": mark a report or incident as looked at, and the cheap summary the console
 * polls every few seconds (counts for the tab title, a stamp that moves when its lists change).
 */
export function registerUnreadRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock">): void {
  const ctx = (req: Parameters<typeof requireRole>[0]) =>
    serviceContext(req, deps, requireRole(req, "duty", "analyst", "observer"));

  app.get(
    "/api/v1/unread",
    { config: CASE_READERS, schema: { tags, security, response: { 200: UnreadSummary } } },
    async (req) => unreadSummary(ctx(req)),
  );

  for (const kind of ["report", "incident"] as const) {
    app.put(
      `/api/v1/${kind}s/:reference/seen`,
      {
        config: CASE_READERS,
        schema: { tags, security, params: CaseReferenceParams, response: { 200: SeenReceipt } },
      },
      async (req) => markSeen(ctx(req), kind, req.params.reference),
    );
  }
}
