import type { FastifyContextConfig, FastifyReply, FastifyRequest } from "fastify";
import {
  ListLanguage,
  PublicListList,
  SubscriptionAccepted,
  SubscriptionRequest,
} from "../../../contract/mailing-lists.js";
import { anonymous } from "../../platform/auth/actor.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { serviceContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import {
  confirmSubscription,
  describeConfirmation,
  describeUnsubscribe,
  readPreferences,
  savePreferences,
  unsubscribe,
} from "./manage-subscription.js";
import { confirmPage, donePage, invalidLinkPage, preferencesPage, subscribePage, unsubscribePage } from "./pages.js";
import { requestSubscription } from "./subscribe.js";
import { listPublicLists } from "./subscribers.js";
import type { ListsContext } from "./types.js";

const tags = ["mailing lists"];
type PublicDeps = Pick<AppDeps, "db" | "clock" | "config" | "counter">;
type TokenParams = { Params: { token: string } };

function send(reply: FastifyReply, status: number, page: { html: string }) {
  return reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page.html);
}

/** The bad link's page, or the error itself when it is something else. */
function onLinkError(reply: FastifyReply, err: unknown) {
  if (err instanceof AppError && err.code === "list_link_invalid") return send(reply, 404, invalidLinkPage());
  throw err;
}

/**
 * The public side of the lists (public role): the subscription API, the lists offered, and the pages the
 * links in list mail open — confirm (opt-in), unsubscribe (RFC 8058 one-click POST, or the page's button)
 * and preferences. GETs show a page with a button; only POSTs change anything.
 */
export function registerListPublicRoutes(app: FyrApp, deps: PublicDeps): void {
  const { config } = deps;
  const rateLimit: FastifyContextConfig =
    config.publicRateLimit > 0 ? { rateLimit: { max: config.publicRateLimit, timeWindow: 60_000 } } : {};
  const ctx = (req: FastifyRequest): ListsContext => ({ ...serviceContext(req, deps, anonymous), config });

  app.get(
    "/api/public/v1/lists",
    { config: rateLimit, schema: { tags, response: { 200: PublicListList } } },
    async () => listPublicLists(deps),
  );
  app.post(
    "/api/public/v1/subscriptions",
    { config: rateLimit, schema: { tags, body: SubscriptionRequest, response: { 202: SubscriptionAccepted } } },
    async (req, reply) => {
      await requestSubscription({ ...ctx(req), counter: deps.counter }, req.body);
      return reply.status(202).send({ status: "confirmation_sent" as const });
    },
  );

  void app.register(async (scope: FyrApp) => {
    // The pages' forms post urlencoded fields; a one-click client may post multipart (RFC 8058 §3.1),
    // whose body says nothing the token does not.
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_r, body, done) => done(null, new URLSearchParams(String(body))),
    );
    scope.addContentTypeParser("multipart/form-data", { bodyLimit: 4096 }, (_r, payload, done) => {
      payload.resume();
      payload.on("end", () => done(null, new URLSearchParams()));
      payload.on("error", (err) => done(err));
    });
    const opts = { config: rateLimit, schema: { hide: true } };
    const form = (req: FastifyRequest) => (req.body instanceof URLSearchParams ? req.body : new URLSearchParams());

    // The public advisory pages' subscription form (no JavaScript): the same double opt-in as the API.
    scope.post("/lists/subscribe", opts, async (req, reply) => {
      const fields = form(req);
      const language = ListLanguage.safeParse(fields.get("language"));
      const lang = language.success ? language.data : "sv";
      const parsed = SubscriptionRequest.safeParse({
        email: (fields.get("email") ?? "").trim(),
        lists: fields.getAll("lists"),
        language: lang,
      });
      if (!parsed.success) return send(reply, 400, subscribePage(lang, false));
      try {
        await requestSubscription({ ...ctx(req), counter: deps.counter }, parsed.data);
      } catch (err) {
        if (err instanceof AppError && err.code === "validation_failed")
          return send(reply, 400, subscribePage(lang, false));
        throw err;
      }
      return send(reply, 200, subscribePage(lang, true));
    });

    scope.get<TokenParams>("/lists/confirm/:token", opts, async (req, reply) => {
      const link = await describeConfirmation(ctx(req), req.params.token);
      if (!link) return send(reply, 404, invalidLinkPage());
      return send(reply, 200, confirmPage(link, req.params.token));
    });
    scope.post<TokenParams>("/lists/confirm/:token", opts, async (req, reply) => {
      try {
        const done = await confirmSubscription(ctx(req), req.params.token);
        return send(reply, 200, donePage(done.language, "confirmed", done.manageToken));
      } catch (err) {
        return onLinkError(reply, err);
      }
    });

    scope.get<TokenParams>("/lists/unsubscribe/:token", opts, async (req, reply) => {
      const link = await describeUnsubscribe(ctx(req), req.params.token);
      if (!link) return send(reply, 404, invalidLinkPage());
      return send(reply, 200, unsubscribePage(link, req.params.token));
    });
    scope.post<TokenParams>("/lists/unsubscribe/:token", opts, async (req, reply) => {
      try {
        const done = await unsubscribe(ctx(req), req.params.token);
        return send(reply, 200, donePage(done.language, "unsubscribed", req.params.token));
      } catch (err) {
        return onLinkError(reply, err);
      }
    });

    scope.get<TokenParams>("/lists/preferences/:token", opts, async (req, reply) => {
      const prefs = await readPreferences(ctx(req), req.params.token);
      if (!prefs) return send(reply, 404, invalidLinkPage());
      return send(reply, 200, preferencesPage(prefs, req.params.token, false));
    });
    scope.post<TokenParams>("/lists/preferences/:token", opts, async (req, reply) => {
      const fields = form(req);
      const language = ListLanguage.safeParse(fields.get("language"));
      try {
        const prefs = await savePreferences(ctx(req), req.params.token, {
          lists: fields.getAll("lists"),
          language: language.success ? language.data : "sv",
        });
        return send(reply, 200, preferencesPage(prefs, req.params.token, true));
      } catch (err) {
        return onLinkError(reply, err);
      }
    });
  });
}
