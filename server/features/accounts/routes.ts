import { type AuthenticationDeps, installAuthentication } from "../../platform/auth/authenticate.js";
import type { FyrApp } from "../../platform/http/types.js";
import { registerAdminRoutes } from "./routes-admin.js";
import { registerAuthRoutes } from "./routes-auth.js";
import { registerCredentialRoutes } from "./routes-credentials.js";
import type { AccountsDeps } from "./http-context.js";
import { registerLinkRoutes } from "./routes-links.js";

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
