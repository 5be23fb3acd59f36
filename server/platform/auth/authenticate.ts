import type { FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../clock.js";
import type { Config, Role as ProcessRole } from "../config.js";
import type { Db } from "../db/connect.js";
import type { Language, UserKind } from "../db/tables/accounts.js";
import { AppError } from "../errors.js";
import type { FyrApp } from "../http/types.js";
import type { Actor } from "./actor.js";
import { csrfRequired } from "./csrf.js";
import {
  type Principal,
  type TokenPrincipal,
  deleteSession,
  findSessionPrincipal,
  findTokenPrincipal,
  touchSession,
  touchToken,
} from "./lookup.js";
import type { PrincipalCache } from "./principal-cache.js";
import { looksLikeApiToken, looksLikeSessionId, sameSecret, sha256Hex } from "./secrets.js";

/** The session cookie over plain http (and its name before 2026-12; still read for one release). */
export const SESSION_COOKIE = "fyr_session";
/**
 * The session cookie over https: the `__Host-` prefix makes the browser refuse it unless it is
 * Secure, for path / and without Domain, so a sibling subdomain cannot plant or shadow it.
 */
export const HOST_SESSION_COOKIE = "__Host-fyr_session";

/** The name a new session cookie is set under. */
export function sessionCookieName(secure: boolean): string {
  return secure ? HOST_SESSION_COOKIE : SESSION_COOKIE;
}

/** Clears the session cookie under both names (sign-out, an expired session). */
export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  if (secure) reply.clearCookie(HOST_SESSION_COOKIE, { path: "/", secure: true });
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
// last_seen_at / last_used_at are written at most this often per session or token.
const TOUCH_INTERVAL_MS = 60_000;

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * "none": the route authenticates no one (login, setup) and ignores any cookie.
     * "enrolment": reachable while the caller must still enrol TOTP (me, logout, TOTP enrolment).
     */
    fyrAuth?: "none" | "enrolment";
    /**
     * Only a signed-in session may call the route, never an API token: managing one's second
     * factor and tokens, so a stolen token cannot strip 2FA or mint more tokens.
     */
    fyrSessionOnly?: boolean;
  }
}

/** What the authentication hook learned beyond the actor; read by the accounts routes. */
export interface AuthState {
  via: "session" | "token";
  /** SHA-256 of the session id (sessions only). */
  sessionIdHash: string | null;
  csrfToken: string | null;
  language: Language;
  totpEnabled: boolean;
  mustEnrolTotp: boolean;
}

const states = new WeakMap<FastifyRequest, AuthState>();

/** The authentication details of a signed-in request, or undefined for anonymous ones. */
export function authStateOf(req: FastifyRequest): AuthState | undefined {
  return states.get(req);
}

/**
 * Who this process signs in and admits, by its roles: staff where the staff console runs, members where
 * the member area (the public role) runs. A public-only process faces the Internet: it never admits staff.
 */
export function kindsServed(roles: readonly ProcessRole[]): readonly UserKind[] {
  const kinds: UserKind[] = [];
  if (roles.includes("staff")) kinds.push("staff");
  if (roles.includes("public")) kinds.push("member");
  return kinds;
}

export interface AuthenticationDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, "sessionIdleMs" | "secureCookies" | "roles">;
  /** Token principals by token hash; absent, every request asks the database. */
  tokenPrincipals?: PrincipalCache<TokenPrincipal>;
}

const unauthenticated = () => new AppError("unauthenticated", "unauthenticated", "Sign in first");

/**
 * Installs the staff authentication hook on /api/v1/*: a session cookie or a bearer API token
 * becomes `req.actor`; cookie writes must carry the CSRF token; callers who must enrol TOTP
 * reach only the enrolment routes. One indexed query per request, plus a throttled touch; a token
 * seen within the last seconds costs none (see principal-cache.ts).
 */
export function installAuthentication(app: FyrApp, deps: AuthenticationDeps): void {
  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/api/v1/") || req.routeOptions.config.fyrAuth === "none") return;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) return authenticateToken(req, authorization, deps);
    const sessionId = req.cookies[HOST_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
    if (sessionId !== undefined) return authenticateSession(req, reply, sessionId, deps);
  });
}

async function authenticateToken(req: FastifyRequest, authorization: string, deps: AuthenticationDeps) {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  const token = match?.[1];
  if (!token || !looksLikeApiToken(token)) throw unauthenticated();
  const tokenHash = sha256Hex(token);
  let principal = deps.tokenPrincipals?.get(tokenHash);
  if (!principal) {
    principal = await findTokenPrincipal(deps.db, tokenHash);
    if (!principal) throw unauthenticated();
    deps.tokenPrincipals?.set(tokenHash, principal);
  }
  const now = deps.clock.now();
  if (!principal.lastUsedAt || now.getTime() - principal.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchToken(deps.db, principal.tokenId, now);
    principal.lastUsedAt = now;
  }
  admit(req, principal, kindsServed(deps.config.roles), {
    via: "token",
    tokenId: principal.tokenId,
    sessionIdHash: null,
    csrfToken: null,
  });
}

async function authenticateSession(
  req: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  deps: AuthenticationDeps,
) {
  if (!looksLikeSessionId(sessionId)) return;
  const idHash = sha256Hex(sessionId);
  const principal = await findSessionPrincipal(deps.db, idHash);
  if (!principal) return;
  const now = deps.clock.now().getTime();
  const idleFor = now - principal.lastSeenAt.getTime();
  if (now >= principal.expiresAt.getTime() || idleFor >= deps.config.sessionIdleMs) {
    await deleteSession(deps.db, idHash);
    clearSessionCookies(reply, deps.config.secureCookies);
    return;
  }
  if (csrfRequired(req.method)) {
    const sent = req.headers["x-csrf-token"];
    if (typeof sent !== "string" || !sameSecret(sent, principal.csrfToken)) {
      throw new AppError("csrf_failed", "forbidden", "Missing or wrong x-csrf-token header");
    }
  }
  if (idleFor >= TOUCH_INTERVAL_MS) await touchSession(deps.db, idHash, new Date(now));
  admit(req, principal, kindsServed(deps.config.roles), {
    via: "session",
    tokenId: null,
    sessionIdHash: idHash,
    csrfToken: principal.csrfToken,
  });
}

function admit(
  req: FastifyRequest,
  p: Principal,
  kinds: readonly UserKind[],
  how: { via: "session" | "token"; tokenId: string | null; sessionIdHash: string | null; csrfToken: string | null },
): void {
  // A staff session or token brought to the member area (public-only process) opens nothing there.
  if (!kinds.includes(p.kind)) {
    throw p.kind === "staff"
      ? new AppError("staff_sign_in_refused", "forbidden", "Staff sign in on the staff network, not here")
      : new AppError("forbidden", "forbidden", "Members use the member area");
  }
  const actor: Actor = {
    kind: "user",
    userId: p.userId,
    email: p.email,
    name: p.name,
    userKind: p.kind,
    organisationId: p.organisationId,
    roles: p.roles,
    via: how.via,
    tokenId: how.tokenId,
  };
  req.actor = actor;
  // Staff when an admin requires it; a member always (accounts/present.ts says why).
  const mustEnrolTotp = !p.totpEnabled && (p.kind === "member" || p.requireTotp);
  states.set(req, {
    via: how.via,
    sessionIdHash: how.sessionIdHash,
    csrfToken: how.csrfToken,
    language: p.language,
    totpEnabled: p.totpEnabled,
    mustEnrolTotp,
  });
  if (how.via === "token" && req.routeOptions.config.fyrSessionOnly === true) {
    throw new AppError("session_required", "forbidden", "API tokens cannot manage sign-in credentials; sign in");
  }
  if (mustEnrolTotp && req.routeOptions.config.fyrAuth !== "enrolment") {
    throw new AppError("totp_enrolment_required", "forbidden", "Enrol a TOTP authenticator first");
  }
}
