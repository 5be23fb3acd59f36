import { expect, it } from "vitest";
import { newUuidV7 } from "./uuid-v7.js";

it("draws RFC 9562 version 7 ids that sort by their millisecond", () => {
  const earlier = newUuidV7(Date.UTC(2026, 11, 1, 3, 0, 0, 1));
  const later = newUuidV7(Date.UTC(2026, 11, 1, 3, 0, 0, 2));
  expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(earlier < later).toBe(true);
  expect(Number.parseInt(earlier.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 1, 3, 0, 0, 1));
  expect(newUuidV7()).not.toBe(newUuidV7());
});
