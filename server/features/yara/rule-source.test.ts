import { describe, expect, it } from "vitest";
import { declaredRules, diagnosticPlace } from "./rule-source.js";

describe("declaredRules", () => {
  it("names every rule, private ones apart, with tags and metadata around", () => {
    const source = `import "pe"
rule first : tag1 tag2 { meta: author = "rule fake" strings: $a = "rule not_this" condition: $a }
private rule helper { condition: filesize < 10 }
rule third { strings: $r = /rule\\/ also_not/i $h = { 72 75 6C 65 } condition: helper and ($r or $h) }`;
    expect(declaredRules(source)).toEqual({
      identifiers: ["first", "third"],
      privateIdentifiers: ["helper"],
      global: false,
    });
  });

  it("skips comments and sees a global rule in any order of modifiers", () => {
    expect(declaredRules("// rule commented\n/* rule also */ global private rule g { condition: true }")).toEqual({
      identifiers: [],
      privateIdentifiers: ["g"],
      global: true,
    });
    expect(declaredRules("global rule g { condition: true } rule ok { condition: g }").global).toBe(true);
  });

  it("is not fooled by the words private or global elsewhere", () => {
    const source = `rule a { meta: x = "global" strings: $global = "private rule" condition: $global }`;
    expect(declaredRules(source)).toEqual({ identifiers: ["a"], privateIdentifiers: [], global: false });
  });
});

describe("diagnosticPlace", () => {
  it("reads YARA-X's line and column", () => {
    const message = "error[E025]: unknown pattern `$b`\n --> line:5:3\n  |\n5 |   $b";
    expect(diagnosticPlace(message)).toEqual({ line: 5, column: 3 });
    expect(diagnosticPlace("error without place")).toBeNull();
  });
});
