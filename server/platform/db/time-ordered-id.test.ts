import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.js";

describe("timeOrderedId", () => {
  it("sorts in drawing order within one millisecond and across them", () => {
    const ids = [timeOrderedId(1_000), timeOrderedId(1_000), timeOrderedId(1_000), timeOrderedId(1_001)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it("is a valid version-7 UUID", () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("keeps its order past 4,096 ids in one millisecond and when the clock steps back", () => {
    const ids = Array.from({ length: 5_000 }, () => timeOrderedId(2_000));
    ids.push(timeOrderedId(1_500));
    expect([...ids].sort()).toEqual(ids);
  });
});
