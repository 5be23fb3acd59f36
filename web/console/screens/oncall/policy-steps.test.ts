import { describe, expect, it } from "vitest";
import { parseSteps, stepsToText } from "./policy-steps.js";

// The policy screen's step lines: what an administrator types is what the policy pages.

describe("policy step lines", () => {
  it("reads minutes, whom and channels, and writes them back the same", () => {
    const parsed = parseSteps("0 primary email sms\n\n 10 backup, email \n20 all-duty webhook");
    expect(parsed).toEqual({
      steps: [
        { afterMinutes: 0, notify: "primary", channels: ["email", "sms"] },
        { afterMinutes: 10, notify: "backup", channels: ["email"] },
        { afterMinutes: 20, notify: "all-duty", channels: ["webhook"] },
      ],
    });
    if ("steps" in parsed)
      expect(stepsToText(parsed.steps)).toBe("0 primary email sms\n10 backup email\n20 all-duty webhook");
  });

  it("names the first line that is not a step", () => {
    expect(parseSteps("0 primary email\nsoon everyone")).toEqual({ badLine: 2 });
    expect(parseSteps("-1 primary email")).toEqual({ badLine: 1 });
    expect(parseSteps("5 primary pigeon")).toEqual({ badLine: 1 });
    expect(parseSteps("5 primary")).toEqual({ badLine: 1 });
    expect(parseSteps("")).toEqual({ badLine: 1 });
  });
});
