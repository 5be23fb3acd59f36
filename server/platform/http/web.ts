import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { Role } from "../config.js";
import { projectPath } from "../paths.js";
import type { FyrApp } from "./types.js";

export const WEB_DIST = `${projectPath("dist", "web")}/`;

/**
 * Serves the built web entries: the console under /console (staff role) and the portal at /
 * (public role). Client-side routes fall back to their entry's index.html.
 */
export async function registerWebRoutes(app: FyrApp, { roles }: { roles: Set<Role> }): Promise<void> {
  if (!existsSync(WEB_DIST)) {
    app.log.warn({ dir: WEB_DIST }, "web build missing; run `npm run build:web`");
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", wildcard: false, index: false });
  const entry = (name: "console" | "portal") => async (_req: unknown, reply: { sendFile: (f: string) => unknown }) =>
    reply.sendFile(`${name}/index.html`);
  if (roles.has("staff")) {
    app.get("/console", { schema: { hide: true } }, entry("console"));
    app.get("/console/*", { schema: { hide: true } }, entry("console"));
  }
  if (roles.has("public")) {
    app.get("/", { schema: { hide: true } }, entry("portal"));
    // The portal's client-side pages: the report form, its receipt, the reporter's follow-up.
    for (const path of ["/report", "/report/*", "/follow-up"])
      app.get(path, { schema: { hide: true } }, entry("portal"));
  }
}
