import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { MEMBERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import type { FyrApp } from "../../platform/http/types.js";
import { serveCsafPath } from "./csaf/serve.js";
import { ADVISORY_CSS, renderDetailPage, renderListPage } from "./public/pages.js";
import { renderAtom, renderRss } from "./public/feeds.js";
import { sendRendered } from "./public/send-rendered.js";
import { type PublicationListRow, selectPublicList, selectPublicationsByTrackingId } from "./publications-store.js";
import type { AdvisoryRuntime } from "./runtime.js";
import { selectRevisions } from "./store.js";

// The published advisories on the public surface (the public role): the pages and feeds (TLP:CLEAR and
// TLP:GREEN only) and the CSAF provider; AMBER and RED documents are read by members with the member API.

const Lang = z.object({ lang: z.enum(["sv", "en"]).catch("sv").default("sv") });
const PUBLIC = ["clear", "green"] as const;
const LIST_SIZE = 100;
const FEED_SIZE = 50;

/** The list in `lang`: each advisory in that language, or in Swedish where there is no translation. */
async function listIn(deps: AppDeps, lang: "sv" | "en", limit: number): Promise<PublicationListRow[]> {
  const sv = await selectPublicList(deps.db, "sv", PUBLIC, limit);
  if (lang === "sv") return sv;
  const en = new Map((await selectPublicList(deps.db, "en", PUBLIC, limit * 2)).map((r) => [r.advisory_id, r]));
  return sv.map((r) => en.get(r.advisory_id) ?? r);
}

export function registerAdvisoryPublicRoutes(app: FyrApp, deps: AppDeps, runtime: AdvisoryRuntime): void {
  const { cache } = runtime;
  const config = deps.config;
  const lang = (req: FastifyRequest) => Lang.parse(req.query).lang;
  const notFound = (reply: FastifyReply) => reply.callNotFound();

  app.get("/advisories/advisories.css", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(ADVISORY_CSS),
  );

  app.get("/advisories", { schema: { hide: true } }, async (req, reply) => {
    const l = lang(req);
    const r = await cache.get(deps.db, `list:${l}`, async () => ({
      body: renderListPage(l, await listIn(deps, l, LIST_SIZE), config),
      type: "text/html; charset=utf-8",
      lastModified: await cache.fresh(deps.db),
    }));
    return r ? sendRendered(req, reply, r) : notFound(reply);
  });

  for (const format of ["rss", "atom"] as const) {
    app.get(`/advisories/feed.${format}`, { schema: { hide: true } }, async (req, reply) => {
      const l = lang(req);
      const r = await cache.get(deps.db, `${format}:${l}`, async () => {
        const rows = await listIn(deps, l, FEED_SIZE);
        return {
          body: format === "rss" ? renderRss(l, rows, config) : renderAtom(l, rows, config),
          type: format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
          lastModified: await cache.fresh(deps.db),
        };
      });
      return r ? sendRendered(req, reply, r) : notFound(reply);
    });
  }

  app.get<{ Params: { trackingId: string } }>(
    "/advisories/:trackingId",
    { schema: { hide: true } },
    async (req, reply) => {
      const l = lang(req);
      const trackingId = req.params.trackingId;
      if (!/^[A-Za-z0-9-]{1,60}$/.test(trackingId)) return notFound(reply);
      const r = await cache.get(deps.db, `page:${trackingId}:${l}`, async () => {
        const pubs = (await selectPublicationsByTrackingId(deps.db, trackingId)).filter((p) =>
          (PUBLIC as readonly string[]).includes(p.folder),
        );
        const shown = pubs.find((p) => p.language === l) ?? pubs.find((p) => p.language === "sv");
        if (!shown) return null;
        const revisions = (await selectRevisions(deps.db, shown.advisory_id))
          .filter((rev) => rev.number <= shown.revision)
          .map((rev) => ({ number: rev.number, summary: rev.summary, publishedAt: rev.published_at }));
        const signed = (await runtime.signer.publicKey()) !== null;
        const other = pubs.find((p) => p !== shown);
        return {
          body: renderDetailPage(l, { shown, other, revisions, signed }, config),
          type: "text/html; charset=utf-8",
          lastModified: shown.current_release_at,
        };
      });
      return r ? sendRendered(req, reply, r) : notFound(reply);
    },
  );

  const csafDeps = { db: deps.db, cache, signer: runtime.signer, provider: runtime.provider };
  app.get<{ Params: { "*": string } }>("/.well-known/csaf/*", { schema: { hide: true } }, async (req, reply) => {
    const r = await serveCsafPath(csafDeps, req.params["*"], "public");
    return r ? sendRendered(req, reply, r, "public, max-age=300") : notFound(reply);
  });
  app.get<{ Params: { "*": string } }>(
    "/api/v1/my/csaf/*",
    { config: MEMBERS, schema: { tags: ["advisories"], security: [{ bearer: [] }, { session: [] }] } },
    async (req, reply) => {
      const r = await serveCsafPath(csafDeps, req.params["*"], "members");
      if (!r) return notFound(reply);
      // Members' documents are never kept by a shared cache.
      return sendRendered(req, reply, r, "private, no-cache");
    },
  );
}
