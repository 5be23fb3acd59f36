import { z } from "zod";
import {
  AccountLinkDone,
  AccountLinkInfo,
  AccountLinkPassword,
  AccountLinkToken,
  PasswordForgot,
} from "../../../contract/accounts.js";
import type { FyrApp } from "../../platform/http/types.js";
import { completeAccountLink, inspectAccountLink } from "./account-links.js";
import { requestPasswordReset } from "./forgot-password.js";
import { type AccountsDeps, contextOf, tags } from "./http-context.js";

/**
 * The pages a mailed invitation or reset link opens: /api/v1/auth/account-link (what the link is for)
 * and …/password (choose one). No sign-in — the token is the credential, so it travels in the body,
 * never the URL, and the routes share sign-in's per-address rate limit. /api/v1/auth/password-reset
 * asks for a reset link by mail ("forgot your password?"): 202 whatever the address.
 */
export function registerLinkRoutes(app: FyrApp, deps: AccountsDeps): void {
  const rateLimit = deps.config.loginRateLimit > 0 && { max: deps.config.loginRateLimit, timeWindow: 60_000 };

  app.post(
    "/api/v1/auth/account-link",
    {
      config: { fyrAuth: "none", rateLimit },
      schema: { tags, body: AccountLinkToken, response: { 200: AccountLinkInfo } },
    },
    async (req) => inspectAccountLink(contextOf(req, deps), req.body.token),
  );

  app.post(
    "/api/v1/auth/account-link/password",
    {
      config: { fyrAuth: "none", rateLimit },
      schema: { tags, body: AccountLinkPassword, response: { 200: AccountLinkDone } },
    },
    async (req) => completeAccountLink(contextOf(req, deps), req.body),
  );

  app.post(
    "/api/v1/auth/password-reset",
    {
      config: { fyrAuth: "none", rateLimit },
      schema: { tags, body: PasswordForgot, response: { 202: z.null() } },
    },
    async (req, reply) => {
      await requestPasswordReset(contextOf(req, deps), deps.config, req.body);
      return reply.status(202).send(null);
    },
  );
}
