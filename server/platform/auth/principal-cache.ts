import type { DatabaseHandle } from "../db/connect.js";

/** The channel migration 0005 notifies on whenever users, tokens or security settings change. */
export const AUTH_CHANNEL = "fyr_auth";

const caches = new Set<PrincipalCache<unknown>>();

/**
 * Drops every cached principal in this process. Writes that change who may do what call it, so
 * the next request of this process sees the change at once; other processes hear the database's
 * NOTIFY a moment after the commit.
 */
export function forgetPrincipals(): void {
  for (const cache of caches) cache.clear();
}

export interface PrincipalCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Monotonic milliseconds; the cache's own time, not the application clock. */
  now?: () => number;
}

/**
 * Principals (the user behind a credential) kept in memory for a few seconds, so an API client
 * making many requests costs no database round trip each. Trusted only while it follows the
 * database's change feed: before the feed is up, and whenever it is lost, every lookup goes to
 * the database. Unknown credentials are never cached.
 */
export class PrincipalCache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  readonly #options: Required<PrincipalCacheOptions>;
  #trusted = false;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(options: PrincipalCacheOptions) {
    this.#options = { now: () => performance.now(), ...options };
  }

  /** A cache that follows `channel` on the database; close it with the app. */
  static async following<T>(
    database: Pick<DatabaseHandle, "listen">,
    options: PrincipalCacheOptions,
  ): Promise<PrincipalCache<T>> {
    const cache = new PrincipalCache<T>(options);
    caches.add(cache);
    cache.#unlisten = await database.listen(AUTH_CHANNEL, {
      onReady: () => {
        cache.clear();
        cache.#trusted = true;
      },
      onNotify: () => cache.clear(),
      onLost: () => {
        cache.#trusted = false;
        cache.clear();
      },
    });
    return cache;
  }

  get(key: string): T | undefined {
    if (!this.#trusted) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.#options.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    if (!this.#trusted) return;
    // Bounded: past the limit the oldest entry goes (a Map iterates in insertion order).
    if (this.#entries.size >= this.#options.maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, until: this.#options.now() + this.#options.ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  async close(): Promise<void> {
    caches.delete(this);
    this.#trusted = false;
    this.clear();
    await this.#unlisten?.();
  }
}
