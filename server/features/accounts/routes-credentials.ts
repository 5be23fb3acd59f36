import { z } from "zod";
import { SIGNED_IN } from "../../platform/auth/guard.js";
import {
  IdParams,
  RecoveryCodes,
  TokenCreate,
  TokenCreated,
  TokenList,
  TotpConfirm,
  TotpDisable,
  TotpEnrolment,
} from "../../../contract/accounts.js";
import type { FyrApp } from "../../platform/http/types.js";
import { type AccountsDeps, security, signedIn, tags } from "./http-context.js";
import { createOwnToken, listOwnTokens, revokeToken } from "./tokens.js";
import { confirmTotp, disableTotp, enrolTotp } from "./totp.js";

/**
 * The caller's second factor and API tokens: /api/v1/auth/totp*, /api/v1/auth/tokens*. Session only:
 * an API token is refused here (403 session_required), so a stolen one cannot strip 2FA or mint more.
 */
export function registerCredentialRoutes(app: FyrApp, deps: AccountsDeps): void {
  const sessionOnly = { fyrSessionOnly: true };
  app.post(
    "/api/v1/auth/totp/enrol",
    {
      config: { fyrAuth: "enrolment", ...sessionOnly },
      schema: { tags, security, response: { 200: TotpEnrolment } },
    },
    async (req) => enrolTotp(signedIn(req, deps).ctx, deps.secrets),
  );

  app.post(
    "/api/v1/auth/totp/confirm",
    {
      config: { fyrAuth: "enrolment", ...sessionOnly },
      schema: { tags, security, body: TotpConfirm, response: { 200: RecoveryCodes } },
    },
    async (req) => confirmTotp(signedIn(req, deps).ctx, req.body.code, deps.secrets),
  );

  app.delete(
    "/api/v1/auth/totp",
    {
      config: { ...SIGNED_IN, ...sessionOnly },
      schema: { tags, security, body: TotpDisable, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await disableTotp(signedIn(req, deps).ctx, req.body, deps.secrets);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/auth/tokens",
    { config: { ...SIGNED_IN, ...sessionOnly }, schema: { tags, security, response: { 200: TokenList } } },
    async (req) => listOwnTokens(signedIn(req, deps).ctx),
  );

  app.post(
    "/api/v1/auth/tokens",
    {
      config: { ...SIGNED_IN, ...sessionOnly },
      schema: { tags, security, body: TokenCreate, response: { 201: TokenCreated } },
    },
    async (req, reply) => reply.status(201).send(await createOwnToken(signedIn(req, deps).ctx, req.body.label)),
  );

  app.delete(
    "/api/v1/auth/tokens/:id",
    {
      config: { ...SIGNED_IN, ...sessionOnly },
      schema: { tags, security, params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await revokeToken(signedIn(req, deps).ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
