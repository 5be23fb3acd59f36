import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  AccountLinkSent,
  IdParams,
  PasswordResetRequest,
  SecuritySettings,
  User,
  UserInvite,
  UserPage,
  UserPatch,
  UsersQuery,
} from "../../../contract/accounts.js";
import { ADMINS } from "../../platform/auth/guard.js";
import { staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { resendInvitation, sendPasswordReset } from "./account-links.js";
import { type AccountsDeps, security } from "./http-context.js";
import { inviteUser } from "./invite-user.js";
import { listUsersPage } from "./list-users.js";
import { resetTotpByAdmin } from "./reset-totp.js";
import { getSecuritySettings, putSecuritySettings } from "./security-settings.js";
import { updateUserByAdmin } from "./update-user.js";

const tags = ["users"];

/** Admin only: users (invitations, reset links) and the security settings. */
export function registerAdminRoutes(app: FyrApp, deps: AccountsDeps): void {
  const asAdmin = (req: FastifyRequest) => staffContext(req, deps, ADMINS);

  app.get(
    "/api/v1/users",
    { config: ADMINS, schema: { tags, security, querystring: UsersQuery, response: { 200: UserPage } } },
    async (req) => listUsersPage(asAdmin(req), req.query),
  );

  // Creating a user is inviting them: the person chooses their own password from a mailed link.
  app.post(
    "/api/v1/users",
    { config: ADMINS, schema: { tags, security, body: UserInvite, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await inviteUser(asAdmin(req), deps.config, req.body)),
  );

  app.post(
    "/api/v1/users/:id/invitation",
    { config: ADMINS, schema: { tags, security, params: IdParams, response: { 202: AccountLinkSent } } },
    async (req, reply) => reply.status(202).send(await resendInvitation(asAdmin(req), deps.config, req.params.id)),
  );

  app.post(
    "/api/v1/users/:id/password-reset",
    {
      config: ADMINS,
      schema: {
        tags,
        security,
        params: IdParams,
        body: PasswordResetRequest.nullish(),
        response: { 202: AccountLinkSent },
      },
    },
    async (req, reply) => {
      const input = { revokeTokens: req.body?.revokeTokens ?? false };
      return reply.status(202).send(await sendPasswordReset(asAdmin(req), deps.config, req.params.id, input));
    },
  );

  app.patch(
    "/api/v1/users/:id",
    { config: ADMINS, schema: { tags, security, params: IdParams, body: UserPatch, response: { 200: User } } },
    async (req) => updateUserByAdmin(asAdmin(req), req.params.id, req.body),
  );

  app.post(
    "/api/v1/users/:id/totp/reset",
    { config: ADMINS, schema: { tags, security, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await resetTotpByAdmin(asAdmin(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/settings/security",
    { config: ADMINS, schema: { tags, security, response: { 200: SecuritySettings } } },
    async (req) => getSecuritySettings(asAdmin(req)),
  );

  app.put(
    "/api/v1/settings/security",
    { config: ADMINS, schema: { tags, security, body: SecuritySettings, response: { 200: SecuritySettings } } },
    async (req) => putSecuritySettings(asAdmin(req), req.body),
  );
}
