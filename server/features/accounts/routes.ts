import { type AuthenticationDeps, installAuthentication } from "../../platform/auth/authenticate.js";
import type { FyrApp } from "../../platform/http/types.js";
import { registerAdminRoutes } from "./admin-routes.js";
import { registerAuthRoutes } from "./auth-routes.js";
import { registerCredentialRoutes } from "./credential-routes.js";
import type { AccountsDeps } from "./http-context.js";
import { registerLinkRoutes } from "./link-routes.js";

/** Installs staff authentication on /api/v1/* and registers every accounts route. */
export function registerAccountsRoutes(
  app: FyrApp,
  deps: AccountsDeps,
  auth: Pick<AuthenticationDeps, "tokenPrincipals"> = {},
): void {
  installAuthentication(app, { ...deps, ...auth });
  registerAuthRoutes(app, deps);
  registerCredentialRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerLinkRoutes(app, deps);
}
