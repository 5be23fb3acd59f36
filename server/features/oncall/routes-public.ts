import type { FastifyContextConfig, FastifyReply, FastifyRequest } from "fastify";
import { AckDone, AckRequest } from "../../../contract/oncall.js";
import { anonymous } from "../../platform/auth/actor.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { serviceContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { acknowledgeByToken, describeAckLink } from "./acknowledge.js";
import { ackDonePage, ackInvalidPage, ackPage } from "./ack-pages.js";
import type { OncallContext } from "./types.js";

const tags = ["oncall"];
type TokenRoute = { Params: { token: string }; Querystring: { lang?: string } };

function send(reply: FastifyReply, status: number, page: { html: string }) {
  return reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page.html);
}

/**
 * Acknowledging a page from outside (public role): POST /api/public/v1/oncall/ack { token }, and the page
 * the link opens — a GET shows the alarm and a button, only the button's POST acknowledges.
 */
export function registerOncallPublicRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const { config } = deps;
  const rateLimit: FastifyContextConfig =
    config.publicRateLimit > 0 ? { rateLimit: { max: config.publicRateLimit, timeWindow: 60_000 } } : {};
  const ctx = (req: FastifyRequest): OncallContext => ({ ...serviceContext(req, deps, anonymous), config });

  app.post(
    "/api/public/v1/oncall/ack",
    { config: rateLimit, schema: { tags, body: AckRequest, response: { 200: AckDone } } },
    async (req) => acknowledgeByToken(ctx(req), req.body.token),
  );

  void app.register(async (scope: FyrApp) => {
    // The page's form posts an empty urlencoded body: the token is in the path.
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 1024 },
      (_r, _b, done) => done(null, {}),
    );
    const opts = { config: rateLimit, schema: { hide: true } };
    const language = async (req: FastifyRequest<TokenRoute>, fallback: "sv" | "en" | undefined) => {
      const asked = req.query.lang;
      return asked === "en" || asked === "sv" ? asked : (fallback ?? "sv");
    };

    scope.get<TokenRoute>("/oncall/ack/:token", opts, async (req, reply) => {
      const link = await describeAckLink(deps.db, deps.clock.now(), req.params.token);
      const lang = await language(req, link?.language);
      if (!link) return send(reply, 404, ackInvalidPage(lang));
      if (link.acknowledgedAt) return send(reply, 200, ackDonePage(lang, link.subject, true));
      return send(reply, 200, ackPage(lang, link, req.params.token, config.timeZone));
    });
    scope.post<TokenRoute>("/oncall/ack/:token", opts, async (req, reply) => {
      const lang = await language(req, undefined);
      try {
        const done = await acknowledgeByToken(ctx(req), req.params.token);
        return send(reply, 200, ackDonePage(lang, done.subject, done.already));
      } catch (err) {
        if (err instanceof AppError && err.code === "oncall_link_invalid")
          return send(reply, 404, ackInvalidPage(lang));
        throw err;
      }
    });
  });
}
