import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyRequest, LogController } from "fastify";
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { type Actor, anonymous } from "../auth/actor.js";
import { installRoleGuards } from "../auth/guard.js";
import type { Config } from "../config.js";
import { type Logger, logsToTerminal } from "../log.js";
import type { Metrics } from "../metrics.js";
import { trustProxyFunction } from "./client-address.js";
import { sharedRateLimitStore } from "./rate-limit-store.js";
import type { SharedCounter } from "./shared-counter.js";
import { installControlCharacterGuard } from "./input-text.js";
import { notFoundHandler } from "./not-found.js";
import { handleError, problem } from "./problem.js";
import { installSecurityHeaders } from "./security-headers.js";
import type { FyrApp } from "./types.js";
import { sessionCookieName } from "../auth/authenticate.js";

/** A request's log fields: the path without its query (search terms, tokens stay out of logs). */
function requestLine(req: FastifyRequest, status: number, elapsedMs: number) {
  return { method: req.method, path: req.url.split("?")[0], status, ms: Math.round(elapsedMs * 10) / 10 };
}

export interface HttpDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Where rate limits count, shared by every process on the database (absent: in this process only). */
  counter?: SharedCounter;
}

/**
 * The HTTP plumbing every surface shares: zod validation, problem+json errors, security
 * headers (security-headers.ts), cookies, rate limiting (opt-in per route), request metrics and the OpenAPI document.
 * Knows no feature; app.ts registers those.
 */
export async function createHttpServer({ config, logger, metrics, counter }: HttpDeps): Promise<FyrApp> {
  const app = Fastify({
    // Fastify's logger type is narrower than pino's; the instance is the same pino logger.
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // req.ip: X-Forwarded-For is read only through the configured proxies (client-address.ts).
    trustProxy: trustProxyFunction(config.trustProxy),
    // Fastify's own request logging writes two lines per request; requestLine below writes one.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // A browser gets the portal's 404 page in its reader's language; API clients get problem+json.
  app.setNotFoundHandler(notFoundHandler(config.cert));
  // Before any route: every staff route's role check runs in onRequest, ahead of parsing and validation.
  installRoleGuards(app);
  // Every request's text, once: control characters answer 400 naming the field (contract/text.ts).
  installControlCharacterGuard(app);
  // Every request starts anonymous; the authentication hook (staff role) sets the caller.
  // Fastify forbids object defaults on decorators, hence a getter/setter over a WeakMap.
  const actors = new WeakMap<FastifyRequest, Actor>();
  app.decorateRequest("actor", {
    getter(this: FastifyRequest) {
      return actors.get(this) ?? anonymous;
    },
    setter(this: FastifyRequest, value: Actor) {
      actors.set(this, value);
    },
  });

  installSecurityHeaders(app, { https: config.secureCookies });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    ...(counter ? { store: sharedRateLimitStore(counter) } : {}),
    errorResponseBuilder: (_req, ctx) => ({
      ...problem(429, "rate_limited", `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
      statusCode: 429,
    }),
  });

  // A terminal stays readable (start-up, warnings, the setup link); a collector gets every request.
  const logRequests = config.logRequests ?? !logsToTerminal();
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    if (logRequests) req.log.info(requestLine(req, reply.statusCode, reply.elapsedTime), "request");
    metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // The API's description is the staff API's: a process that does not run it (a public-only node,
  // facing the internet) does not publish a map of it.
  if (!config.roles.includes("staff")) return app;
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Fyr API", version: "1", description: "Operations platform of a national CERT" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: sessionCookieName(config.secureCookies) },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  return app;
}
