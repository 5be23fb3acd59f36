import { existsSync, readFileSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CERT_META_NAME, type CertContact } from "../../../contract/cert.js";
import type { Role } from "../config.js";
import { projectPath } from "../paths.js";
import { escapeHtml } from "./html.js";
import type { FyrApp } from "./types.js";

export const WEB_DIST = `${projectPath("dist", "web")}/`;

// Vite names everything under assets/ by its content hash: such a file never changes, so browsers
// keep it for a year without asking. Everything else (the HTML entries, the favicon) is asked
// again each time (no-cache revalidates with its ETag), so a new build reaches people at once.
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/** True for a built file whose name carries its content hash (web/vite.config.ts puts them there). */
export function isHashedAsset(path: string): boolean {
  return /(^|\/)assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/.test(path);
}

/** The stylesheets the built portal loads, for pages the server renders itself (the portal without JavaScript). */
export function portalStylesheets(root = WEB_DIST): string[] {
  const entry = readEntry(root, "portal");
  return entry ? [...entry.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? "") : [];
}

// An entry's HTML, read once per process: the build a server starts with is the one it serves.
const entries = new Map<string, string | null>();
function readEntry(root: string, name: "console" | "portal" | "member"): string | null {
  const file = `${root}${name}/index.html`;
  if (!entries.has(file)) entries.set(file, existsSync(file) ? readFileSync(file, "utf8") : null);
  return entries.get(file) ?? null;
}

export interface WebOptions {
  roles: Set<Role>;
  /** How the public reaches the CERT: put in the portal's page for the web to show. */
  cert: CertContact;
  /** What a portal page shows without JavaScript (inside <noscript>), for that request. */
  portalNoscript?: (req: FastifyRequest) => string;
  /** The built web (tests give their own); default dist/web. */
  root?: string;
}

/**
 * Serves the built web entries: the console under /console (staff role) and the portal at /
 * (public role). Client-side routes fall back to their entry's index.html. Files are sent
 * precompressed (brotli or gzip, made at build time) as the browser accepts them.
 */
export async function registerWebRoutes(app: FyrApp, options: WebOptions): Promise<void> {
  const root = options.root ?? WEB_DIST;
  if (!existsSync(root)) {
    app.log.warn({ dir: root }, "web build missing; run `npm run build:web`");
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header("cache-control", isHashedAsset(path) ? IMMUTABLE : REVALIDATE),
  });
  if (options.roles.has("staff")) {
    const consoleEntry = async (_req: FastifyRequest, reply: FastifyReply) => reply.sendFile("console/index.html");
    app.get("/console", { schema: { hide: true } }, consoleEntry);
    app.get("/console/*", { schema: { hide: true } }, consoleEntry);
  }
  if (options.roles.has("public")) {
    const certMeta = `<meta name="${CERT_META_NAME}" content="${escapeHtml(JSON.stringify(options.cert))}" />`;
    const portal = async (req: FastifyRequest, reply: FastifyReply) => {
      const built = readEntry(root, "portal");
      if (!built) return reply.callNotFound();
      const noscript = options.portalNoscript ? `<noscript>${options.portalNoscript(req)}</noscript>` : "";
      const page = built
        .replace("</head>", () => `  ${certMeta}\n  </head>`)
        .replace('<div id="root">', () => `${noscript}<div id="root">`);
      // The <noscript> part is in the reader's language (Accept-Language, ?lang=).
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", REVALIDATE)
        .header("vary", "accept-language")
        .send(page);
    };
    app.get("/", { schema: { hide: true } }, portal);
    // The member area of constituent organisations: beside the portal, never beside the console only.
    const memberEntry = async (_req: FastifyRequest, reply: FastifyReply) => reply.sendFile("member/index.html");
    app.get("/member", { schema: { hide: true } }, memberEntry);
    app.get("/member/*", { schema: { hide: true } }, memberEntry);
    // The portal's client-side pages: the report form, its receipt, the reporter's follow-up.
    for (const path of ["/report", "/report/*", "/follow-up"]) app.get(path, { schema: { hide: true } }, portal);
  }
}
