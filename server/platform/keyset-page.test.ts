import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keyset, readKeysetPage } from "./keyset-page.js";

const KEYS = keyset(z.object({ id: z.number().int() }).strict());
const ROWS = Array.from({ length: 7 }, (_, i) => ({ id: 7 - i }));
// A store reading newest first after the keys it is given.
const read = async ({ after, limit }: { after: { id: number } | undefined; limit: number }) =>
  ROWS.filter((r) => after === undefined || r.id < after.id).slice(0, limit);

describe("keyset paging", () => {
  it("walks every row once, page by page, and ends with a null cursor", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readKeysetPage({ limit: 3, cursor }, KEYS, read, (r) => ({ id: r.id }));
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(pages).toBe(3);
  });

  it("gives no next cursor when the page is exactly full", async () => {
    const page = await readKeysetPage({ limit: 7 }, KEYS, read, (r) => ({ id: r.id }));
    expect(page.rows).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
  });

  it("refuses a cursor it did not write, as invalid_cursor", async () => {
    expect(() => KEYS.decode("bm9wZQ")).toThrow(expect.objectContaining({ code: "invalid_cursor", kind: "invalid" }));
    expect(() => KEYS.decode(KEYS.encode({ id: 1 }).slice(1))).toThrow();
    expect(KEYS.decode("")).toBeUndefined();
  });
});
