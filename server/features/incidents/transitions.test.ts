import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { assertTransition, isAllowedTransition, isClosed } from "./transitions.js";

describe("incident status transitions", () => {
  it("follows new → open → stalled → resolved | rejected, stalled ⇄ open, and reopen", () => {
    for (const [from, to] of [
      ["new", "open"],
      ["open", "stalled"],
      ["stalled", "open"],
      ["stalled", "resolved"],
      ["open", "rejected"],
      ["resolved", "open"],
      ["rejected", "open"],
    ] as const)
      expect(isAllowedTransition(from, to)).toBe(true);
  });

  it("refuses resolving a rejected incident with 409 illegal_transition naming both states", () => {
    try {
      assertTransition("rejected", "resolved");
      expect.fail("should throw");
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "illegal_transition", kind: "conflict" });
      expect((err as AppError).message).toContain("from rejected to resolved");
    }
    for (const [from, to] of [
      ["resolved", "rejected"],
      ["resolved", "stalled"],
      ["open", "new"],
    ] as const)
      expect(isAllowedTransition(from, to)).toBe(false);
  });

  it("knows which states end the work", () => {
    expect(isClosed("resolved")).toBe(true);
    expect(isClosed("stalled")).toBe(false);
  });
});
