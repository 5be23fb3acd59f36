import { type AuthenticationDeps, installAuthentication } from "../../platform/auth/authenticate.js";
import type { FyrApp } from "../../platform/http/types.js";
import { registerAdminRoutes } from "./routes-admin.js";
import { registerAuthRoutes } from "./routes-auth.js";
import { registerCredentialRoutes } from "./routes-credentials.js";
import type { AccountsDeps } from "./http-context.js";
import { registerLinkRoutes } from "./routes-links.js";

/**
 * Installs authentication on /api/v1/* and registers the accounts routes: sign-in, the caller's own
 * account and credentials, mailed links — for staff and members alike — and, where the staff role runs,
 * setup and the users' administration.
 */
export function registerAccountsRoutes(
  app: FyrApp,
  deps: AccountsDeps,
  auth: Pick<AuthenticationDeps, "tokenPrincipals"> = {},
): void {
  installAuthentication(app, { ...deps, ...auth });
  registerAuthRoutes(app, deps);
  registerCredentialRoutes(app, deps);
  if (deps.config.roles.includes("staff")) registerAdminRoutes(app, deps);
  registerLinkRoutes(app, deps);
}
