import type { FastifyRequest, onRequestHookHandler } from "fastify";
import {
  ADMIN_ROLES,
  ADVISORY_PUBLISHER_ROLES,
  ADVISORY_WRITER_ROLES,
  CASE_READER_ROLES,
  CASE_WORKER_ROLES,
  REPORT_ACKNOWLEDGER_ROLES,
  holdsRole,
} from "../../../contract/roles.js";
import type { StaffRole } from "../db/tables/accounts.js";
import { AppError } from "../errors.js";
import type { FyrApp } from "../http/types.js";
import type { UserActor } from "./actor.js";

/**
 * Who may call an /api/v1/* route: these staff roles (admin always qualifies), anyone signed in, or
 * `"member"`: members of a constituent organisation, on the member API (/api/v1/my/…) and only there.
 */
export type RouteRoles = readonly StaffRole[] | "signed-in" | "member";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Who may call this /api/v1/* route, checked in `onRequest` (installRoleGuards): before the body
     * is parsed or validated, so a caller the route refuses hears 401/403, never what the body lacks.
     * Every staff route declares it (or `fyrAuth`); registering one that does not is an error.
     */
    fyrRoles?: RouteRoles;
    /**
     * A member route that external members (users of kind member bound to no organisation: people of
     * other CERTs in a forum) may call too. Every other /api/v1/my/… route refuses them (403), so a new
     * member route is closed to them unless it says otherwise.
     */
    fyrExternalMembers?: true;
  }
}

/** Route config admitting these roles (admin always qualifies). */
export const allow = (...roles: StaffRole[]): { fyrRoles: RouteRoles } => ({ fyrRoles: roles });
/** Everyone who reads incidents and reports (observers read only). */
export const CASE_READERS = allow(...CASE_READER_ROLES);
/** Everyone who works incidents and reports: opens, changes, writes. */
export const CASE_WORKERS = allow(...CASE_WORKER_ROLES);
/** Who acknowledges a new report: duty (see contract/roles.ts). */
export const REPORT_ACKNOWLEDGERS = allow(...REPORT_ACKNOWLEDGER_ROLES);
export const ADMINS = allow(...ADMIN_ROLES);
/** Who writes advisories (contract/roles.ts). */
export const ADVISORY_WRITERS = allow(...ADVISORY_WRITER_ROLES);
/** Who approves and publishes advisories. */
export const ADVISORY_PUBLISHERS = allow(...ADVISORY_PUBLISHER_ROLES);
/** Any signed-in user (their own account, sessions, tokens). */
export const SIGNED_IN: { fyrRoles: RouteRoles } = { fyrRoles: "signed-in" };
/** Members of a constituent organisation: every /api/v1/my/… route, and no other. */
export const MEMBERS: { fyrRoles: RouteRoles } = { fyrRoles: "member" };
/** Members, external members too (forums; features/forums/policy.ts decides what each sees). */
export const MEMBERS_AND_EXTERNALS: { fyrRoles: RouteRoles; fyrExternalMembers: true } = {
  fyrRoles: "member",
  fyrExternalMembers: true,
};

/** The member API: the only routes a member's token reaches, and that no staff user calls. */
export const MEMBER_API_PREFIX = "/api/v1/my/";
/** Sign-in, the caller's own account and credentials: a member's session reaches these as well. */
const OWN_ACCOUNT_PREFIX = "/api/v1/auth/";

/**
 * The one place that keeps members and staff apart, for every signed-in /api/v1/* request: a member
 * reaches the member API, and with a session also their own account (/api/v1/auth/…); everything else
 * is 403 — also a route open to anyone signed in. Staff never call the member API (403). Visibility
 * within the member API is members/policy.ts's.
 */
function assertSurface(actor: UserActor, url: string, roles: RouteRoles, externals: boolean): void {
  const member = actor.userKind === "member";
  if (roles === "member") {
    if (!member) throw new AppError("members_only", "forbidden", "Only members of an organisation call /api/v1/my/");
    // An external member (bound to no organisation) reaches only the routes that admit them.
    if (actor.organisationId === null && !externals)
      throw new AppError("external_member_scope", "forbidden", "External members reach only their forums");
    return;
  }
  if (!member) return;
  if (actor.via === "token") {
    throw new AppError("member_token_scope", "forbidden", "A member's API token reaches only /api/v1/my/");
  }
  if (!url.startsWith(OWN_ACCOUNT_PREFIX)) {
    throw new AppError("forbidden", "forbidden", "Members reach only the member API (/api/v1/my/)");
  }
}

/** The signed-in caller, or 401. Routes call this before anything else. */
export function requireUser(req: FastifyRequest): UserActor {
  const actor = req.actor;
  if (actor.kind !== "user") throw new AppError("unauthenticated", "unauthenticated", "Sign in first");
  return actor;
}

/** The signed-in caller holding at least one of the roles (admin always qualifies), or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: StaffRole[]): UserActor {
  const actor = requireUser(req);
  if (holdsRole(actor.roles, roles)) return actor;
  throw new AppError("forbidden", "forbidden", "Your roles do not allow this");
}

/** A staff route as the guard saw it registered; `"public"`: `fyrAuth: "none"` (sign-in, setup). */
export interface GuardedRoute {
  method: string;
  url: string;
  roles: RouteRoles | "public";
}

const registered = new WeakMap<FyrApp, GuardedRoute[]>();

/** Every /api/v1/* route registered on the app, with who may call it (for the table-driven test). */
export function guardedRoutes(app: FyrApp): readonly GuardedRoute[] {
  return registered.get(app) ?? [];
}

/**
 * Puts the role check of every /api/v1/* route in its `onRequest`, after authentication (a global
 * onRequest hook, which Fastify runs before route-level ones) and before body parsing and validation.
 * Install before any route is registered; a staff route without `fyrRoles` or `fyrAuth` fails the
 * start-up, so a new route cannot be forgotten.
 */
export function installRoleGuards(app: FyrApp): void {
  const routes: GuardedRoute[] = [];
  registered.set(app, routes);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== "HEAD");
    const config = route.config;
    const roles: RouteRoles | "public" | undefined =
      config?.fyrAuth === "none" ? "public" : (config?.fyrRoles ?? (config?.fyrAuth ? "signed-in" : undefined));
    if (roles === undefined) {
      throw new Error(`${methods.join(",")} ${route.url}: declare who may call it (config.fyrRoles or fyrAuth)`);
    }
    // The member API is members' alone, and members' routes live there alone.
    if ((roles === "member") !== route.url.startsWith(MEMBER_API_PREFIX)) {
      throw new Error(`${methods.join(",")} ${route.url}: member routes are exactly those under ${MEMBER_API_PREFIX}`);
    }
    for (const method of methods) routes.push({ method, url: route.url, roles });
    if (roles === "public") return;
    const url = route.url;
    const externals = config?.fyrExternalMembers === true;
    const guard: onRequestHookHandler = async (req) => {
      const actor = requireUser(req);
      assertSurface(actor, url, roles, externals);
      if (roles !== "signed-in" && roles !== "member") requireRole(req, ...roles);
    };
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [guard] : [guard, ...(Array.isArray(existing) ? existing : [existing])];
  });
}
