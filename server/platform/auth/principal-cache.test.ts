import { describe, expect, it } from "vitest";
import type { ListenHandlers } from "../db/connect.js";
import { PrincipalCache, forgetPrincipals } from "./principal-cache.js";

/** A change feed the test drives by hand. */
function feed() {
  let handlers: ListenHandlers | undefined;
  const database = {
    listen: async (_channel: string, h: ListenHandlers) => {
      handlers = h;
      return async () => undefined;
    },
  };
  const drive = () => {
    if (!handlers) throw new Error("not listening");
    return handlers;
  };
  return { database, drive };
}

async function cacheOn(now = () => 0, maxEntries = 3) {
  const { database, drive } = feed();
  const cache = await PrincipalCache.following<string>(database, { ttlMs: 1_000, maxEntries, now });
  return { cache, drive };
}

describe("principal cache", () => {
  it("keeps nothing until the change feed is up, and nothing once it is lost", async () => {
    const { cache, drive } = await cacheOn();
    cache.set("a", "alice");
    expect(cache.get("a")).toBeUndefined();
    drive().onReady();
    cache.set("a", "alice");
    expect(cache.get("a")).toBe("alice");
    drive().onLost();
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", "alice");
    expect(cache.size).toBe(0);
    await cache.close();
  });

  it("forgets everything on a notification, on forgetPrincipals, and after its time to live", async () => {
    let now = 0;
    const { cache, drive } = await cacheOn(() => now);
    drive().onReady();
    cache.set("a", "alice");
    drive().onNotify();
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", "alice");
    forgetPrincipals();
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", "alice");
    now = 999;
    expect(cache.get("a")).toBe("alice");
    now = 1_000;
    expect(cache.get("a")).toBeUndefined();
    await cache.close();
  });

  it("holds a bounded number of entries, dropping the oldest", async () => {
    const { cache, drive } = await cacheOn();
    drive().onReady();
    for (const key of ["a", "b", "c", "d"]) cache.set(key, key);
    expect(cache.size).toBe(3);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("d")).toBe("d");
    await cache.close();
  });
});
