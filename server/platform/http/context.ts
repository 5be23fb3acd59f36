import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor, UserActor } from "../auth/actor.js";
import { type RouteRoles, requireRole, requireUser } from "../auth/guard.js";
import type { Config } from "../config.js";
import type { AppDeps, ServiceContext } from "../deps.js";
import type { Download } from "../files/blobs.js";

/** OpenAPI security of every staff route: an API token or the console's session cookie. */
export const STAFF_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

/** The service context of a request: who acts (the caller unless given), the database, the clock. */
export function serviceContext(
  req: FastifyRequest,
  deps: Pick<AppDeps, "db" | "clock">,
  actor: Actor = req.actor,
): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor, ip: req.ip };
}

/** What a staff route's services get: the signed-in caller, the database, the clock and configuration. */
export type StaffContext = ServiceContext & { actor: UserActor; config: Config };

/**
 * The service context of a staff request, for a caller holding one of `roles` (admin always
 * qualifies), else 401/403. Pass the same constant as the route's `config` (`CASE_READERS`, …): the
 * guard has already checked it before validation, and this narrows the actor to a signed-in user.
 */
export function staffContext(
  req: FastifyRequest,
  deps: Pick<AppDeps, "db" | "clock" | "config">,
  roles: RouteRoles | { fyrRoles: RouteRoles },
): StaffContext {
  const allowed = typeof roles === "object" && "fyrRoles" in roles ? roles.fyrRoles : roles;
  // "member": the guard has kept everyone else out; members/http-context.ts narrows the actor further.
  const actor = allowed === "signed-in" || allowed === "member" ? requireUser(req) : requireRole(req, ...allowed);
  return { ...serviceContext(req, deps, actor), actor, config: deps.config };
}

/** Sends a file as a download: never rendered or sniffed by the browser, never cached. */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  reply
    .header("content-type", file.contentType ?? "application/octet-stream")
    .header(
      "content-disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store");
  if (file.size !== null) reply.header("content-length", String(file.size));
  if (file.sha256 !== null) reply.header("x-fyr-sha256", file.sha256);
  return reply.send(file.stream);
}
