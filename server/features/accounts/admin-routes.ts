import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  IdParams,
  SecuritySettings,
  User,
  UserCreate,
  UserPage,
  UserPatch,
  UsersQuery,
} from "../../../contract/accounts.js";
import { ADMINS } from "../../platform/auth/guard.js";
import { staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { createUser } from "./create-user.js";
import { type AccountsDeps, security } from "./http-context.js";
import { listUsersPage } from "./list-users.js";
import { resetTotpByAdmin } from "./reset-totp.js";
import { getSecuritySettings, putSecuritySettings } from "./security-settings.js";
import { updateUserByAdmin } from "./update-user.js";

const tags = ["users"];

/** Admin only: users and the security settings. */
export function registerAdminRoutes(app: FyrApp, deps: AccountsDeps): void {
  const asAdmin = (req: FastifyRequest) => staffContext(req, deps, ADMINS);

  app.get(
    "/api/v1/users",
    { config: ADMINS, schema: { tags, security, querystring: UsersQuery, response: { 200: UserPage } } },
    async (req) => listUsersPage(asAdmin(req), req.query),
  );

  app.post(
    "/api/v1/users",
    { config: ADMINS, schema: { tags, security, body: UserCreate, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await createUser(asAdmin(req), req.body)),
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
