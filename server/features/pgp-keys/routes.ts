import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { PgpKeyInput, PgpKeyList, PgpKeyParams, PgpKeyView } from "../../../contract/correspondence.js";
import { ADMINS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { addPgpKey, listPgpKeys, removePgpKey } from "./service.js";

const tags = ["pgp-keys"];
const security = STAFF_SECURITY;

/** Admin routes for recipients' OpenPGP public keys (/api/v1/pgp-keys): mail to them is encrypted. */
export function registerPgpKeyRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const asAdmin = (req: FastifyRequest) => staffContext(req, deps, ADMINS);

  app.get(
    "/api/v1/pgp-keys",
    { config: ADMINS, schema: { tags, security, response: { 200: PgpKeyList } } },
    async (req) => ({
      items: await listPgpKeys(asAdmin(req)),
    }),
  );

  app.post(
    "/api/v1/pgp-keys",
    { config: ADMINS, schema: { tags, security, body: PgpKeyInput, response: { 201: PgpKeyView } } },
    async (req, reply) => reply.status(201).send(await addPgpKey(asAdmin(req), req.body)),
  );

  app.delete(
    "/api/v1/pgp-keys/:id",
    { config: ADMINS, schema: { tags, security, params: PgpKeyParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removePgpKey(asAdmin(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
