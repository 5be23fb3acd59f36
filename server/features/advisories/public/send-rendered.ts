import type { FastifyReply, FastifyRequest } from "fastify";
import type { Rendered } from "./publication-cache.js";

/**
 * Sends a cached rendering with its validators: ETag and Last-Modified, and 304 when the client's
 * If-None-Match (or, without it, If-Modified-Since) says it has this one. Public, revalidated each time.
 */
export function sendRendered(req: FastifyRequest, reply: FastifyReply, r: Rendered, cacheControl = "public, no-cache") {
  reply.header("etag", r.etag).header("cache-control", cacheControl).header("vary", "accept-encoding");
  if (r.lastModified) reply.header("last-modified", r.lastModified.toUTCString());
  const inm = req.headers["if-none-match"];
  const ims = req.headers["if-modified-since"];
  const notModified =
    inm !== undefined
      ? inm.split(",").some((t) => t.trim() === r.etag || t.trim() === `W/${r.etag}`)
      : ims !== undefined &&
        r.lastModified !== null &&
        Math.floor(r.lastModified.getTime() / 1000) <= Date.parse(ims) / 1000;
  if (notModified) return reply.status(304).send();
  return reply.type(r.type).send(r.body);
}
