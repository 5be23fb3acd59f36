import { describe, expect, it } from "vitest";
import { entriesFromText, entryErrors, textFromEntries } from "./entries-text.js";

describe("warning list entries as text", () => {
  it("reads one entry a line, skipping blank lines but remembering where each entry stood", () => {
    const sent = entriesFromText("10.0.0.0/8\n\n  evil.se  \r\n\t\nd41d8cd98f00b204e9800998ecf8427e\n");
    expect(sent.entries).toEqual(["10.0.0.0/8", "evil.se", "d41d8cd98f00b204e9800998ecf8427e"]);
    expect(sent.lines).toEqual([1, 3, 5]);
  });

  it("names a refused entry by the line the admin sees, not by its index among the sent ones", () => {
    const sent = entriesFromText("good.se\n\nnot a value\nalso good.se\n\n???");
    const errors = entryErrors({ "entries.3": "bad", name: "too long", "entries.1": "bad" }, sent);
    expect(errors).toEqual([
      { line: 3, entry: "not a value" },
      { line: 6, entry: "???" },
    ]);
  });

  it("writes stored entries back one a line", () => {
    expect(textFromEntries(["a.se", "1.2.3.4"])).toBe("a.se\n1.2.3.4");
    expect(entriesFromText(textFromEntries(["a.se", "1.2.3.4"])).entries).toEqual(["a.se", "1.2.3.4"]);
  });
});
