import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.js";
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

/** Sends a file as a download: never rendered or sniffed by the browser, never cached. */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return reply
    .header("content-type", "application/octet-stream")
    .header(
      "content-disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .header("content-length", String(file.size))
    .header("x-fyr-sha256", file.sha256)
    .send(file.stream);
}
