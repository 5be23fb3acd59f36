import type { FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/actor.js";
import { type AuthState, authStateOf } from "../../platform/auth/authenticate.js";
import { SIGNED_IN } from "../../platform/auth/guard.js";
import type { AppDeps, ServiceContext } from "../../platform/deps.js";
import { STAFF_SECURITY, serviceContext, staffContext } from "../../platform/http/context.js";

export type AccountsDeps = Pick<AppDeps, "db" | "clock" | "config" | "secrets">;

export const tags = ["accounts"];
export const security = STAFF_SECURITY;

/** A service context for whoever calls (anonymous too). */
export const contextOf: (req: FastifyRequest, deps: AccountsDeps, actor?: Actor) => ServiceContext = serviceContext;

/** The signed-in caller's context and authentication details, or 401. */
export function signedIn(req: FastifyRequest, deps: AccountsDeps): { ctx: ServiceContext; state: AuthState } {
  const ctx = staffContext(req, deps, SIGNED_IN);
  const state = authStateOf(req);
  if (!state) throw new Error("authenticated request without auth state");
  return { ctx, state };
}
