import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../../contract/incidents.js";
import type { CaseYara, YaraMatchPage, YaraRule, YaraRuleList } from "../../../contract/yara.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { ruleMatching, uniqueMarker, yaraClient } from "./yara.test-fixtures.js";

// A YARA match tells nobody of a file they may not see: an analyst who is neither assignee nor member
// of a TLP:RED incident — and who wrote the rule themselves — must not learn that the rule matched a
// file only that incident (or the report linked to it) holds: not from the rule's match list, its
// count, the incident's or report's YARA view (404 like a missing case), nor the timeline.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, createRule, scanPass, reportWithFiles, attach, openIncident } = yaraClient(app);

const marker = uniqueMarker("leak");
const file = (label: string) => ({ filename: `${label}.bin`, content: Buffer.from(`${label}:${marker}:${label}`) });
const sha = (f: { content: Buffer }) => createHash("sha256").update(f.content).digest("hex");
const onlyRed = file("only-red");
const inHiddenReport = file("hidden-report");
const shared = file("shared");

let owner = "";
let outsider = "";
let admin = "";
let red: IncidentDetail;
let hiddenReport = "";
let visibleReport = "";
let rule: YaraRule;

beforeAll(async () => {
  const o = await createTokenFor(app(), { roles: ["analyst"] });
  owner = o.token;
  outsider = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  // The outsider's own rule, readable to them in full: only the files must stay hidden.
  rule = await createRule(outsider, { tlp: "TLP:CLEAR", source: ruleMatching(marker) });
  hiddenReport = await reportWithFiles([inHiddenReport]);
  red = await openIncident(owner, { title: "Hemlig", reports: [hiddenReport], tlp: "TLP:RED", assigneeId: o.userId });
  await attach(owner, red.reference, [onlyRed, shared]);
  visibleReport = await reportWithFiles([shared]);
  await scanPass();
});

const hiddenWords = () => [red.reference, hiddenReport, sha(onlyRed), sha(inHiddenReport), "only-red", "hidden-report"];

describe("for someone who may not see a TLP:RED incident", () => {
  it("the rule's matches and count hold only the file they see, and only the case they see", async () => {
    const mine = await call(outsider, "GET", `/api/v1/yara/rules/${rule.id}/matches`);
    const page = mine.json<YaraMatchPage>();
    expect(page.items.map((m) => m.sha256)).toEqual([sha(shared)]);
    expect(page.items[0]?.cases).toEqual([{ kind: "report", reference: visibleReport }]);
    expect(page.items[0]?.filenames).toEqual(["shared.bin"]);
    for (const word of hiddenWords()) expect(mine.body).not.toContain(word);

    const one = await call(outsider, "GET", `/api/v1/yara/rules/${rule.id}`);
    expect(one.json<YaraRule>().matchedFiles).toBe(1);
    const list = (await call(outsider, "GET", "/api/v1/yara/rules?limit=500")).json<YaraRuleList>();
    expect(list.items.find((r) => r.id === rule.id)?.matchedFiles).toBe(1);

    // The data is there: the owner and an admin see all three files.
    expect((await call(admin, "GET", `/api/v1/yara/rules/${rule.id}`)).json<YaraRule>().matchedFiles).toBe(3);
    const full = (await call(owner, "GET", `/api/v1/yara/rules/${rule.id}/matches`)).json<YaraMatchPage>();
    expect(full.items.map((m) => m.sha256).sort()).toEqual([sha(onlyRed), sha(inHiddenReport), sha(shared)].sort());
    expect(full.items.find((m) => m.sha256 === sha(shared))?.cases).toEqual(
      expect.arrayContaining([
        { kind: "incident", reference: red.reference },
        { kind: "report", reference: visibleReport },
      ]),
    );
  });

  it("the hidden cases' YARA views answer exactly like missing ones", async () => {
    const redView = await call(outsider, "GET", `/api/v1/incidents/${red.reference}/yara`);
    const missing = await call(outsider, "GET", "/api/v1/incidents/FYR-INC-2000-9999/yara");
    expect(redView.statusCode).toBe(404);
    expect(redView.body.replace(red.reference, "X")).toBe(missing.body.replace("FYR-INC-2000-9999", "X"));
    const reportView = await call(outsider, "GET", `/api/v1/reports/${hiddenReport}/yara`);
    const noReport = await call(outsider, "GET", "/api/v1/reports/FYR-2000-99999/yara");
    expect(reportView.statusCode).toBe(404);
    expect(reportView.body.replace(hiddenReport, "X")).toBe(noReport.body.replace("FYR-2000-99999", "X"));
    expect((await call(outsider, "GET", `/api/v1/incidents/${red.reference}/timeline`)).statusCode).toBe(404);
    // The owner sees the incident's matches, and the event on its timeline.
    const ownerView = (await call(owner, "GET", `/api/v1/incidents/${red.reference}/yara`)).json<CaseYara>();
    expect(ownerView.files.filter((f) => f.matches.length > 0)).toHaveLength(3);
  });

  it("the visible report's view of the shared file names no hidden case", async () => {
    const res = await call(outsider, "GET", `/api/v1/reports/${visibleReport}/yara`);
    const view = res.json<CaseYara>();
    expect(view.files[0]?.matches[0]?.cases).toEqual([{ kind: "report", reference: visibleReport }]);
    for (const word of hiddenWords()) expect(res.body).not.toContain(word);
  });

  it("the match's tag on the hidden file's SHA-256 is not theirs: no value, no tag, not in a lookup or the index", async () => {
    await app().fyr.runDueJobs();
    const tag = `yara:${rule.name}`;
    expect((await call(owner, "GET", `/api/v1/observables?value=${sha(onlyRed)}`)).json()).toMatchObject({
      tags: expect.arrayContaining([expect.objectContaining({ tag })]),
    });
    const value = await call(outsider, "GET", `/api/v1/observables?value=${sha(onlyRed)}`);
    expect(value.statusCode).toBe(404);
    const lookup = await call(outsider, "POST", "/api/v1/observables/lookup", {
      text: `${sha(onlyRed)}\n${sha(inHiddenReport)}`,
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.body).not.toContain(tag);
    for (const word of hiddenWords()) if (!word.match(/^[0-9a-f]{64}$/)) expect(lookup.body).not.toContain(word);
    const index = await call(outsider, "GET", `/api/v1/observables/index?tag=${encodeURIComponent(tag)}`);
    expect(index.statusCode, index.body).toBe(200);
    expect(index.body).not.toContain(sha(onlyRed));
    expect(index.body).not.toContain(sha(inHiddenReport));
  });

  it("the scan status counts files, never matches", async () => {
    const res = await call(outsider, "GET", "/api/v1/yara/status");
    expect(Object.keys(res.json<object>()).sort()).toEqual(
      ["currentFiles", "enabledRules", "files", "limits", "rulesetVersion", "sweep", "waiting"].sort(),
    );
    for (const word of hiddenWords()) expect(res.body).not.toContain(word);
  });
});

describe("a TLP:RED rule's match on a file someone else sees", () => {
  it("shows them where it matched, never what, nor the names inside the rule", async () => {
    const secret = uniqueMarker("redrule");
    const redRule = await createRule(owner, { tlp: "TLP:RED", source: ruleMatching(secret) });
    const report = await reportWithFiles([{ filename: "x.bin", content: Buffer.from(`aaaa${secret}bbbb`) }]);
    await scanPass();
    const res = await call(outsider, "GET", `/api/v1/reports/${report}/yara`);
    const match = res.json<CaseYara>().files[0]?.matches[0];
    expect(match).toMatchObject({ rule: { id: redRule.id, name: redRule.name }, identifiers: [] });
    expect(match?.strings).toEqual([{ rule: "", identifier: "", offset: 4, length: secret.length, hex: null }]);
    expect(res.body).not.toContain(Buffer.from(secret).toString("hex").slice(0, 16));
    expect(res.body).not.toContain(secret);
    const ownerMatch = (await call(owner, "GET", `/api/v1/reports/${report}/yara`)).json<CaseYara>().files[0]
      ?.matches[0];
    expect(ownerMatch?.strings[0]?.hex).toBe(Buffer.from(secret).subarray(0, 32).toString("hex"));
  });
});
