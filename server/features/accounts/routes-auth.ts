import { z } from "zod";
import {
  LoginBody,
  Me,
  MePatch,
  PasswordChange,
  SetupBody,
  SetupDone,
  SetupStatus,
} from "../../../contract/accounts.js";
import { SESSION_COOKIE, clearSessionCookies, sessionCookieName } from "../../platform/auth/authenticate.js";
import type { FyrApp } from "../../platform/http/types.js";
import { type AccountsDeps, contextOf, security, signedIn, tags } from "./http-context.js";
import { login } from "./login.js";
import { changePassword, logout, updateProfile } from "./own-account.js";
import { meFromRequest } from "./present.js";
import { completeSetup, setupNeeded } from "./setup.js";

type RateLimit = false | { max: number; timeWindow: number };

/** The first administrator's setup page: /api/v1/setup. */
function registerSetupRoutes(app: FyrApp, deps: AccountsDeps, rateLimit: RateLimit): void {
  app.get(
    "/api/v1/setup",
    { config: { fyrAuth: "none" }, schema: { tags, response: { 200: SetupStatus } } },
    async () => ({ needed: await setupNeeded(deps) }),
  );

  app.post(
    "/api/v1/setup",
    {
      config: { fyrAuth: "none", rateLimit },
      schema: { tags, body: SetupBody, response: { 201: SetupDone } },
    },
    async (req, reply) => reply.status(201).send(await completeSetup(contextOf(req, deps), req.body)),
  );
}

/** Setup, sign-in and the caller's own account: /api/v1/setup, /api/v1/auth/{login,logout,me,password}. */
export function registerAuthRoutes(app: FyrApp, deps: AccountsDeps): void {
  // Per client address and minute, on top of the per-e-mail back-off in login-throttle.ts.
  const LOGIN_RATE_LIMIT = deps.config.loginRateLimit > 0 && { max: deps.config.loginRateLimit, timeWindow: 60_000 };
  // The first administrator is made on the staff side only.
  if (deps.config.roles.includes("staff")) registerSetupRoutes(app, deps, LOGIN_RATE_LIMIT);

  app.post(
    "/api/v1/auth/login",
    {
      config: { fyrAuth: "none", rateLimit: LOGIN_RATE_LIMIT },
      schema: { tags, body: LoginBody, response: { 200: Me } },
    },
    async (req, reply) => {
      const userAgent = req.headers["user-agent"] ?? null;
      const result = await login(contextOf(req, deps), deps.config, req.body, userAgent, deps.secrets);
      const secure = deps.config.secureCookies;
      // Over https the old name goes: one session cookie, the prefixed one.
      if (secure && req.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.setCookie(sessionCookieName(secure), result.sessionId, {
        httpOnly: true,
        sameSite: "strict",
        path: "/",
        secure: deps.config.secureCookies,
        expires: result.expiresAt,
      });
      return result.me;
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { config: { fyrAuth: "enrolment" }, schema: { tags, security, response: { 204: z.null() } } },
    async (req, reply) => {
      const { ctx, state } = signedIn(req, deps);
      await logout(ctx, state.sessionIdHash);
      clearSessionCookies(reply, deps.config.secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/auth/me",
    { config: { fyrAuth: "enrolment" }, schema: { tags, security, response: { 200: Me } } },
    async (req) => {
      const { ctx, state } = signedIn(req, deps);
      if (ctx.actor.kind !== "user") throw new Error("unreachable");
      return meFromRequest(ctx.actor, state);
    },
  );

  app.patch(
    "/api/v1/auth/me",
    { config: { fyrAuth: "enrolment" }, schema: { tags, security, body: MePatch, response: { 200: Me } } },
    async (req) => {
      const { ctx, state } = signedIn(req, deps);
      return updateProfile(ctx, req.body, state.csrfToken);
    },
  );

  app.post(
    "/api/v1/auth/password",
    { config: { fyrAuth: "enrolment" }, schema: { tags, security, body: PasswordChange, response: { 204: z.null() } } },
    async (req, reply) => {
      const { ctx, state } = signedIn(req, deps);
      await changePassword(ctx, req.body, state.sessionIdHash);
      return reply.status(204).send(null);
    },
  );
}
