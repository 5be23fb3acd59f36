import { rm } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValueTagList } from "../../../contract/observable-tags.js";
import type { ObservableDetail, RelatedList } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain } from "./observables.test-fixtures.js";
import { addObservableTag } from "./tag-observable.js";

// Free and machine tags on values: given, spelled as their taxonomy spells them, shown wherever the
// value is listed, removed, audited; and Fyr's own tagging on behalf of another feature.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, related, values } = observablesClient(app);

let analyst = "";
let observer = "";
let admin = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
});

const page = async (token: string, value: string) => {
  const res = await call(token, "GET", `/api/v1/observables?value=${encodeURIComponent(value)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ObservableDetail>();
};
const tag = (token: string, id: string, text: string) =>
  call(token, "POST", `/api/v1/observables/${id}/tags`, { tag: text });
const untag = (token: string, id: string, text: string) =>
  call(token, "DELETE", `/api/v1/observables/${id}/tags?tag=${encodeURIComponent(text)}`);
const names = (list: ValueTagList) => list.items.map((t) => t.tag);

describe("tags on a value", () => {
  it("are given, spelled as the taxonomies spell them, and shown on the page with who gave them", async () => {
    const value = uniqueDomain("tagged");
    await reportSaying(`Vi såg ${value} i loggen`);
    const { id } = await page(analyst, value);
    for (const typed of ["emotet", "  Kampanj   maj ", "TLP:Amber", "pap:green", "rsit:Fraud=Phishing"]) {
      const res = await tag(analyst, id, typed);
      expect(res.statusCode, res.body).toBe(200);
    }
    const shown = await page(analyst, value);
    expect(shown.tags.map((t) => t.tag)).toEqual([
      "Kampanj maj",
      "PAP:GREEN",
      "emotet",
      'rsit:fraud="phishing"',
      "tlp:amber",
    ]);
    expect(shown.tags[0]?.addedBy.kind).toBe("user");
    expect(shown.tags[0]?.addedBy.name).not.toBe("");
    // Giving one again changes nothing; an observer reads them but may not give one.
    expect(names((await tag(analyst, id, "emotet")).json<ValueTagList>())).toHaveLength(5);
    expect((await page(observer, value)).tags).toHaveLength(5);
    expect((await tag(observer, id, "other")).statusCode).toBe(403);
  });

  it("keeps one tlp and one PAP tag per value: a new one replaces the old", async () => {
    const value = uniqueDomain("exclusive");
    await reportSaying(`Adressen ${value}`);
    const { id } = await page(analyst, value);
    await tag(analyst, id, "tlp:amber");
    await tag(analyst, id, "rsit:fraud=phishing");
    const after = (await tag(analyst, id, "tlp:green")).json<ValueTagList>();
    expect(names(after)).toEqual(['rsit:fraud="phishing"', "tlp:green"]);
    // RSIT is not exclusive: a second class is added beside the first.
    expect(names((await tag(analyst, id, 'rsit:malicious-code="c2-server"')).json<ValueTagList>())).toHaveLength(3);
  });

  it("refuses taxonomy values that do not exist and the verdicts' words, naming the field", async () => {
    const value = uniqueDomain("refused");
    await reportSaying(`Domänen ${value}`);
    const { id } = await page(analyst, value);
    for (const typed of ["tlp:purple", "PAP:blue", "rsit:fraud=ransomware", "rsit:nonsense", "Malicious"]) {
      const res = await tag(analyst, id, typed);
      expect(res.statusCode, typed).toBe(400);
      expect(res.json()).toMatchObject({ code: "observable_tag_invalid", errors: [{ path: "body.tag" }] });
    }
    expect((await tag(analyst, id, "x".repeat(129))).statusCode).toBe(400);
    expect((await tag(analyst, id, "   ")).statusCode).toBe(400);
  });

  it("is removed (the taxonomy's spelling finds it), and a tag it does not have is a 404", async () => {
    const value = uniqueDomain("removed");
    await reportSaying(`Domänen ${value}`);
    const { id } = await page(analyst, value);
    await tag(analyst, id, "tlp:red");
    await tag(analyst, id, "phishing");
    const res = await untag(analyst, id, "TLP:RED");
    expect(res.statusCode, res.body).toBe(200);
    expect(names(res.json<ValueTagList>())).toEqual(["phishing"]);
    expect((await untag(analyst, id, "tlp:red")).json()).toMatchObject({ code: "observable_tag_not_found" });
    expect((await untag(observer, id, "phishing")).statusCode).toBe(403);
  });

  it("are audited, given and removed", async () => {
    const value = uniqueDomain("audited");
    await reportSaying(`Domänen ${value}`);
    const { id } = await page(analyst, value);
    await tag(analyst, id, "audit-me");
    await untag(analyst, id, "audit-me");
    const rows = await sql<{ action: string; diff: { tag: string; value: string } }>`select action, diff from audit_log
      where target_type = 'observable' and target_id = ${id} order by id`.execute(app().fyr.deps.db);
    expect(rows.rows.map((r) => [r.action, r.diff.tag, r.diff.value])).toEqual([
      ["observable.tagged", "audit-me", value],
      ["observable.untagged", "audit-me", value],
    ]);
  });

  it("are shown where the value is listed: the case's values and the related panel", async () => {
    const value = uniqueDomain("everywhere");
    const first = await reportSaying(`Första ${value}`);
    const second = await reportSaying(`Andra ${value}`);
    await tag(analyst, (await page(analyst, value)).id, "botnet-x");
    expect((await values(analyst, "reports", first)).items.find((v) => v.value === value)?.tags).toEqual(["botnet-x"]);
    const panel: RelatedList = await related(analyst, "reports", second);
    const shared = panel.items.find((i) => i.reference === first)?.shared.find((s) => s.value === value);
    expect(shared?.tags).toEqual(["botnet-x"]);
  });
});

describe("Fyr's own tags (addObservableTag)", () => {
  it("tags a value, stored if new, on the cases named: seen by who sees them, by admins only when none", async () => {
    const db = app().fyr.deps.db;
    const ctx = { db, clock: app().fyr.deps.clock, actor: systemActor("yara") };
    const hash = "ab".repeat(32);
    const first = await addObservableTag(ctx, { type: "sha256", value: hash.toUpperCase(), tag: "yara:Test_Rule" });
    expect(first.tag).toBe("yara:Test_Rule");
    // On no case yet: not even the value's page exists for an analyst; the tag is an admin's to see.
    const rows = await sql<{ n: number }>`select count(*)::int as n from observable_tags
      where observable_id = ${first.id}`.execute(db);
    expect(rows.rows[0]?.n).toBe(1);

    const value = uniqueDomain("yara");
    const report = await reportSaying(`Filen kom från ${value}`);
    const reportId = (await sql<{ id: string }>`select id from reports where reference = ${report}`.execute(db)).rows[0]
      ?.id;
    await addObservableTag(ctx, { type: "domain", value, tag: "yara:Dropper", caseIds: [reportId ?? ""] });
    await addObservableTag(ctx, { type: "domain", value, tag: "yara:Dropper", caseIds: [reportId ?? ""] });
    const shown = await page(analyst, value);
    expect(shown.tags).toMatchObject([{ tag: "yara:Dropper", addedBy: { kind: "system", name: "yara" } }]);
    expect((await page(admin, value)).tags).toHaveLength(1);
    await expect(addObservableTag(ctx, { type: "domain", value, tag: "tlp:nope" })).rejects.toMatchObject({
      code: "observable_tag_invalid",
    });
    await expect(
      addObservableTag({ ...ctx, actor: { kind: "anonymous" } }, { type: "domain", value, tag: "x" }),
    ).rejects.toThrow();
  });
});
