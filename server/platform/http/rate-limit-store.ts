import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { SharedCounter } from "./shared-counter.js";

/** What @fastify/rate-limit hands `child`: the route's merged options, with the route itself. */
function routeName(options: unknown): string {
  if (typeof options !== "object" || options === null || !("routeInfo" in options)) return "global";
  const info = options.routeInfo;
  if (typeof info !== "object" || info === null) return "global";
  const method = "method" in info ? String(info.method) : "";
  const url = "url" in info ? String(info.url) : "";
  return `${method} ${url}`.trim() || "global";
}

/**
 * @fastify/rate-limit's store over the shared counter, so a limit holds across every process on the
 * database instead of per process. Each route keeps its own bucket per client key (as the plugin's
 * in-memory store did); windows are fixed (aligned to the clock), which is what lets processes add
 * their counts up.
 */
export function sharedRateLimitStore(counter: SharedCounter): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly route = "global",
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      counter
        .add(`rate:${this.route}:${key}`, timeWindow)
        .then((r) => callback(null, { current: r.total, ttl: r.resetMs }))
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      return new SharedStore(routeOptions, routeName(routeOptions));
    }
  }
  return SharedStore;
}
