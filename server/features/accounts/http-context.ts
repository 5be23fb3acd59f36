import type { FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/actor.js";
import { type AuthState, authStateOf } from "../../platform/auth/authenticate.js";
import { requireUser } from "../../platform/auth/guard.js";
import type { AppDeps, ServiceContext } from "../../platform/deps.js";
import { STAFF_SECURITY, serviceContext } from "../../platform/http/context.js";

export type AccountsDeps = Pick<AppDeps, "db" | "clock" | "config" | "secrets">;

export const tags = ["accounts"];
export const security = STAFF_SECURITY;

/** A service context for whoever calls (anonymous too). */
export const contextOf: (req: FastifyRequest, deps: AccountsDeps, actor?: Actor) => ServiceContext = serviceContext;

/** The signed-in caller's context and authentication details, or 401. */
export function signedIn(req: FastifyRequest, deps: AccountsDeps): { ctx: ServiceContext; state: AuthState } {
  const actor = requireUser(req);
  const state = authStateOf(req);
  if (!state) throw new Error("authenticated request without auth state");
  return { ctx: contextOf(req, deps, actor), state };
}
