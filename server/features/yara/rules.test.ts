import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import type { YaraRule, YaraRuleList, YaraRuleVersionList } from "../../../contract/yara.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { ruleMatching, uniqueMarker, yaraClient } from "./yara.test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_LOG_LEVEL: "error" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, createRule } = yaraClient(app);

let analyst = "";
let analystId = "";
let otherAnalyst = "";
let admin = "";
let duty = "";
let observer = "";

beforeAll(async () => {
  const a = await createTokenFor(app(), { roles: ["analyst"] });
  analyst = a.token;
  analystId = a.userId;
  otherAnalyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

describe("YARA rules", () => {
  it("an analyst saves a rule; it is versioned, listed and audited", async () => {
    const marker = uniqueMarker();
    const name = `Loader ${uniqueMarker("name")}`;
    const rule = await createRule(analyst, {
      name,
      tlp: "TLP:AMBER",
      description: "Hittar laddaren",
      source: ruleMatching(marker),
    });
    expect(rule).toMatchObject({
      name,
      author: { id: analystId },
      tlp: "TLP:AMBER",
      enabled: true,
      version: 1,
      identifiers: [`r_${marker}`],
      matchedFiles: 0,
      mayEdit: true,
    });
    const changed = await call(analyst, "PATCH", `/api/v1/yara/rules/${rule.id}`, {
      version: 1,
      description: "Bättre beskrivning",
      enabled: false,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<YaraRule>()).toMatchObject({ version: 2, enabled: false, description: "Bättre beskrivning" });
    const stale = await call(analyst, "PATCH", `/api/v1/yara/rules/${rule.id}`, { version: 1, enabled: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ code: string }>().code).toBe("version_conflict");

    const versions = (
      await call(observer, "GET", `/api/v1/yara/rules/${rule.id}/versions`)
    ).json<YaraRuleVersionList>();
    expect(versions.items.map((v) => [v.version, v.enabled])).toEqual([
      [2, false],
      [1, true],
    ]);
    const list = (await call(duty, "GET", "/api/v1/yara/rules?limit=500")).json<YaraRuleList>();
    expect(list.items.map((r) => r.id)).toContain(rule.id);
    expect(list.items.find((r) => r.id === rule.id)?.mayEdit).toBe(false);

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_type", "=", "yara_rule")
      .where("target_id", "=", rule.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["yara.rule_created", "yara.rule_updated"]);
    // The trail keeps the text's fingerprint, not the text.
    expect(JSON.stringify(audit[0]?.diff)).not.toContain(marker);

    const deleted = await call(analyst, "DELETE", `/api/v1/yara/rules/${rule.id}?version=2`);
    expect(deleted.statusCode).toBe(204);
    expect((await call(analyst, "GET", `/api/v1/yara/rules/${rule.id}`)).statusCode).toBe(404);
  });

  it("refuses a source that does not compile, naming the field, the line and YARA-X's message", async () => {
    const res = await call(analyst, "POST", "/api/v1/yara/rules", {
      name: uniqueMarker("broken"),
      source: `rule broken_${uniqueMarker()} {\n  strings:\n    $a = "x"\n  condition:\n    $b\n}`,
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json<{
      code: string;
      errors: { path: string; code: string; message: string; params: object }[];
    }>();
    expect(problem.code).toBe("yara_rule_invalid");
    expect(problem.errors[0]).toMatchObject({
      path: "body.source",
      code: "yara_compile_error",
      params: { line: 5, column: 5 },
    });
    expect(problem.errors[0]?.message).toContain("unknown pattern `$b`");
  });

  it("refuses includes, global rules, rules that cannot match and names another rule declares", async () => {
    const refusal = async (source: string) => {
      const res = await call(analyst, "POST", "/api/v1/yara/rules", { name: uniqueMarker("bad"), source });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ errors: { code: string; message: string }[] }>().errors[0];
    };
    expect((await refusal(`include "/etc/passwd"\nrule x_${uniqueMarker()} { condition: true }`))?.code).toBe(
      "yara_compile_error",
    );
    expect((await refusal(`global rule g_${uniqueMarker()} { condition: filesize > 0 }`))?.code).toBe(
      "yara_global_rule",
    );
    expect((await refusal(`private rule p_${uniqueMarker()} { condition: true }`))?.code).toBe("yara_no_rule");
    const marker = uniqueMarker();
    const first = await createRule(analyst, { source: ruleMatching(marker, `shared_${marker}`) });
    const taken = await refusal(ruleMatching(uniqueMarker(), `shared_${marker}`));
    expect(taken).toMatchObject({ code: "yara_identifier_taken" });
    expect(taken?.message).toContain(first.name);
    // The editor's check answers the same, without saving.
    const check = await call(analyst, "POST", "/api/v1/yara/rules/check", { source: ruleMatching(uniqueMarker()) });
    expect(check.json()).toMatchObject({ ok: true });
    const nameTaken = await call(otherAnalyst, "POST", "/api/v1/yara/rules", {
      name: first.name.toUpperCase(),
      source: ruleMatching(uniqueMarker()),
    });
    expect(nameTaken.statusCode).toBe(409);
  });

  it("only analysts and admins write; duty and observers read", async () => {
    const body = { name: uniqueMarker(), source: ruleMatching(uniqueMarker()) };
    for (const token of [duty, observer])
      expect((await call(token, "POST", "/api/v1/yara/rules", body)).statusCode).toBe(403);
    expect((await call(admin, "POST", "/api/v1/yara/rules", body)).statusCode).toBe(201);
    const publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
    expect((await call(publisher, "GET", "/api/v1/yara/rules")).statusCode).toBe(403);
  });

  it("a TLP:RED rule's text is read by its author and admins only, and changed by them only", async () => {
    const marker = uniqueMarker("secret");
    const red = await createRule(analyst, { tlp: "TLP:RED", source: ruleMatching(marker) });
    expect(red.source).toContain(marker);
    for (const token of [otherAnalyst, duty, observer]) {
      const got = await call(token, "GET", `/api/v1/yara/rules/${red.id}`);
      expect(got.statusCode, got.body).toBe(200);
      const seen = got.json<YaraRule>();
      expect(seen.source).toBeNull();
      expect(seen.identifiers).toEqual([]);
      expect(seen.mayEdit).toBe(false);
      const versions = await call(token, "GET", `/api/v1/yara/rules/${red.id}/versions`);
      expect(versions.body).not.toContain(marker);
      const list = await call(token, "GET", "/api/v1/yara/rules?limit=500");
      expect(list.body).not.toContain(marker);
    }
    expect((await call(admin, "GET", `/api/v1/yara/rules/${red.id}`)).json<YaraRule>().source).toContain(marker);
    const edit = await call(otherAnalyst, "PATCH", `/api/v1/yara/rules/${red.id}`, { version: 1, enabled: false });
    expect(edit.statusCode).toBe(403);
    expect(edit.body).not.toContain(marker);
    expect((await call(otherAnalyst, "DELETE", `/api/v1/yara/rules/${red.id}?version=1`)).statusCode).toBe(403);
    // Another analyst cannot mark someone else's rule RED (they would lose it mid-edit).
    const amber = await createRule(analyst, { source: ruleMatching(uniqueMarker()) });
    const mark = await call(otherAnalyst, "PATCH", `/api/v1/yara/rules/${amber.id}`, { version: 1, tlp: "TLP:RED" });
    expect(mark.statusCode).toBe(403);
  });
});
