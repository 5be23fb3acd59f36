import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelinePage } from "../../../contract/incidents.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import type { CaseYara, YaraMatchPage, YaraScanStatus } from "../../../contract/yara.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { countRowsWrittenToFileTables, enrolNewFiles } from "./files-store.js";
import { claimFiles } from "./scans-store.js";
import { type PassMemory, runScanPass } from "./scan-pass.js";
import { createYaraScanner } from "./scanner.js";
import { ruleMatching, uniqueMarker, yaraClient } from "./yara.test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, createRule, scanPass, reportWithFiles, attach, openIncident } = yaraClient(app, { maxFileBytes: 4096 });

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const fileWith = (marker: string, filename = "sample.bin") => ({
  filename,
  content: Buffer.concat([Buffer.from("MZ\x90\x00 header "), Buffer.from(`..${marker}..`), Buffer.alloc(64, 7)]),
});

const caseYara = async (kind: "reports" | "incidents", reference: string) => {
  const res = await call(analyst, "GET", `/api/v1/${kind}/${reference}/yara`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseYara>();
};

describe("scanning new files", () => {
  it("scans a report's attachment with the rules and shows the match, with offsets, on the report", async () => {
    const marker = uniqueMarker();
    const rule = await createRule(analyst, { source: ruleMatching(marker) });
    const reference = await reportWithFiles([fileWith(marker, "faktura.pdf.exe")]);
    const pass = await scanPass();
    expect(pass.matches).toBeGreaterThanOrEqual(1);
    const files = (await caseYara("reports", reference)).files;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: "faktura.pdf.exe", outcome: "scanned", current: true });
    expect(files[0]?.matches).toHaveLength(1);
    expect(files[0]?.matches[0]).toMatchObject({
      rule: { id: rule.id, name: rule.name },
      identifiers: [`r_${marker}`],
      cases: [{ kind: "report", reference }],
      filenames: ["faktura.pdf.exe"],
    });
    const offset = fileWith(marker).content.indexOf(marker);
    expect(files[0]?.matches[0]?.strings).toEqual([
      {
        rule: `r_${marker}`,
        identifier: "$m",
        offset,
        length: marker.length,
        hex: Buffer.from(marker).subarray(0, 32).toString("hex"),
      },
    ]);
    const page = (await call(analyst, "GET", `/api/v1/yara/rules/${rule.id}/matches`)).json<YaraMatchPage>();
    expect(page.items.map((m) => m.cases)).toEqual([[{ kind: "report", reference }]]);
    // The match is a tag on the file's SHA-256, shown wherever the value is (its page, the index, …).
    await app().fyr.runDueJobs();
    const sha256 = createHash("sha256").update(fileWith(marker).content).digest("hex");
    const value = await call(analyst, "GET", `/api/v1/observables?value=${sha256}`);
    expect(value.statusCode, value.body).toBe(200);
    expect(value.json<ObservableDetail>().tags).toContainEqual(
      expect.objectContaining({ tag: `yara:${rule.name}`, addedBy: { kind: "system", name: "yara" } }),
    );
  });

  it("scans a file once per ruleset version, however many cases hold it", async () => {
    const marker = uniqueMarker();
    await createRule(analyst, { source: ruleMatching(marker) });
    await scanPass(); // the new ruleset's new files, if any, out of the way
    const file = fileWith(marker);
    const first = await reportWithFiles([file]);
    const second = await reportWithFiles([file]);
    const incident = await openIncident(analyst);
    await attach(analyst, incident.reference, [file]);
    const pass = await scanPass();
    expect(pass.scanned).toBe(1);
    expect((await scanPass()).scanned).toBe(0);
    for (const ref of [first, second]) expect((await caseYara("reports", ref)).files[0]?.matches).toHaveLength(1);
    const page = (await call(analyst, "GET", "/api/v1/yara/status")).json<YaraScanStatus>();
    expect(page.waiting).toBe(0);
  });

  it("puts a match on the timeline of every incident holding the file, its linked reports' files too", async () => {
    const marker = uniqueMarker();
    const rule = await createRule(analyst, { source: ruleMatching(marker) });
    const own = await openIncident(analyst);
    await attach(analyst, own.reference, [fileWith(marker, "dropper.dll")]);
    const report = await reportWithFiles([fileWith(marker, "bilaga.doc")]);
    const viaReport = await openIncident(analyst, { reports: [report] });
    await scanPass();
    const events = async (reference: string) =>
      (await call(analyst, "GET", `/api/v1/incidents/${reference}/timeline`))
        .json<TimelinePage>()
        .items.filter((e) => e.kind === "yara_match");
    expect((await events(own.reference)).map((e) => e.data)).toEqual([
      expect.objectContaining({ ruleId: rule.id, ruleName: rule.name, filename: "dropper.dll" }),
    ]);
    expect((await events(viaReport.reference)).map((e) => e.data)).toEqual([
      expect.objectContaining({ ruleId: rule.id, filename: "bilaga.doc", report }),
    ]);
    // Linked later: the incident is told then; and never twice.
    const later = await openIncident(analyst);
    const link = await call(analyst, "POST", `/api/v1/incidents/${later.reference}/reports`, { reference: report });
    expect(link.statusCode, link.body).toBe(200);
    await scanPass();
    await scanPass();
    expect(await events(later.reference)).toHaveLength(1);
    expect(await events(own.reference)).toHaveLength(1);
    expect((await caseYara("incidents", viaReport.reference)).files[0]).toMatchObject({ report });
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", own.reference)
      .where("action", "=", "incident.yara_matched")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("does not scan a file over the size limit, and says so on the case", async () => {
    await createRule(analyst, { source: ruleMatching(uniqueMarker()) });
    const reference = await reportWithFiles([{ filename: "minne.dmp", content: Buffer.alloc(5000, 1) }]);
    await scanPass();
    expect((await caseYara("reports", reference)).files[0]).toMatchObject({
      outcome: "too_large",
      detail: "Larger than the scanning limit of 4 KB",
      matches: [],
    });
  });
});

describe("scanning everything now", () => {
  it("runs a new rule over stored files only when asked, with progress, and finishes", async () => {
    const marker = uniqueMarker();
    const reference = await reportWithFiles([fileWith(marker)]);
    await createRule(analyst, { source: ruleMatching(uniqueMarker()) });
    await scanPass();
    // A rule written after the file was scanned: the file is not rescanned by itself.
    const rule = await createRule(analyst, { source: ruleMatching(marker) });
    expect((await scanPass()).scanned).toBe(0);
    expect((await caseYara("reports", reference)).files[0]).toMatchObject({ current: false, matches: [] });
    const observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
    expect((await call(observer, "POST", "/api/v1/yara/scan-everything")).statusCode).toBe(403);
    const started = await call(analyst, "POST", "/api/v1/yara/scan-everything");
    expect(started.statusCode).toBe(202);
    const status = started.json<YaraScanStatus>();
    expect(status.sweep).toMatchObject({ rulesetVersion: status.rulesetVersion, finishedAt: null });
    expect(status.sweep?.done).toBeLessThan(status.sweep?.total ?? 0);
    await scanPass();
    const after = (await call(analyst, "GET", "/api/v1/yara/status")).json<YaraScanStatus>();
    expect(after.sweep?.finishedAt).not.toBeNull();
    expect(after.sweep?.done).toBe(after.sweep?.total);
    expect(after.currentFiles).toBe(after.files);
    const files = (await caseYara("reports", reference)).files;
    expect(files[0]).toMatchObject({ current: true });
    expect(files[0]?.matches.map((m) => m.rule.id)).toEqual([rule.id]);
  });

  it("takes over a file whose scanning process died, and gives up after three tries", async () => {
    const marker = uniqueMarker();
    await createRule(analyst, { source: ruleMatching(marker) });
    await scanPass();
    const reference = await reportWithFiles([fileWith(marker)]);
    const { db } = app().fyr.deps;
    // Another process claimed it and died: its lease has run out.
    await enrolNewFiles(db, new Date(), 1000);
    const past = new Date(Date.now() - 60_000);
    const dead = await claimFiles(db, { node: "dead", now: new Date(), until: past, below: 1, limit: 100 });
    expect(dead.length).toBeGreaterThanOrEqual(1);
    await scanPass();
    expect((await caseYara("reports", reference)).files[0]).toMatchObject({ outcome: "scanned" });

    const poison = await reportWithFiles([fileWith(uniqueMarker())]);
    await enrolNewFiles(db, new Date(), 1000);
    for (let i = 0; i < 3; i++)
      await claimFiles(db, { node: "dead", now: new Date(), until: past, below: 1, limit: 100 });
    await scanPass();
    expect((await caseYara("reports", poison)).files[0]).toMatchObject({
      outcome: "failed",
      detail: "Scanning stopped 3 times without a result",
    });
  });

  it("steps back while requests queue: gives back the files it has not scanned yet", async () => {
    await createRule(analyst, { source: ruleMatching(uniqueMarker()) });
    const reference = await reportWithFiles([fileWith(uniqueMarker()), fileWith(uniqueMarker())]);
    const { fyr, clock } = app();
    // Quiet for the claim and the first file, then requests queue.
    let asked = 0;
    const scanner = createYaraScanner({ timeoutMs: 30_000, logger: fyr.deps.logger });
    try {
      const pass = await runScanPass({
        ...fyr.deps,
        clock,
        scanner,
        node: "busy-node",
        maxFileBytes: 4096,
        timeoutMs: 30_000,
        busy: () => ++asked > 2,
      });
      expect(pass.scanned).toBe(1);
    } finally {
      await scanner.close();
    }
    const scan = await fyr.deps.db
      .selectFrom("yara_file_scans")
      .selectAll()
      .where("claimed_by", "=", "busy-node")
      .execute();
    expect(scan).toEqual([]);
    const outcomes = (await caseYara("reports", reference)).files.map((f) => f.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(["scanned", null]));
    // The file given back is scanned by the next pass.
    await scanPass();
    expect((await caseYara("reports", reference)).files.map((f) => f.outcome)).toEqual(["scanned", "scanned"]);
  });
});

describe("the background loop's idle passes", () => {
  it("walk the file tables only when rows were written since, or a minute has passed", async () => {
    await createRule(analyst, { source: ruleMatching(uniqueMarker()) });
    const reference = await reportWithFiles([fileWith(uniqueMarker())]);
    await scanPass();
    const { fyr, clock } = app();
    const { db } = fyr.deps;
    const sha256 = (await caseYara("reports", reference)).files[0]?.sha256 ?? "";
    const scanner = createYaraScanner({ timeoutMs: 30_000, logger: fyr.deps.logger });
    const deps = { ...fyr.deps, clock, scanner, node: "memory-node", maxFileBytes: 4096, timeoutMs: 30_000 };
    try {
      // A scan row gone without any file row written: an idle pass that has just walked does not look.
      await db.deleteFrom("yara_file_scans").where("sha256", "=", sha256).execute();
      const memory: PassMemory = { rowsWritten: await countRowsWrittenToFileTables(db), walkedAt: Date.now() };
      expect(memory.rowsWritten).not.toBeNull();
      expect((await runScanPass(deps, memory)).enrolled).toBe(0);
      // A minute later it walks anyway.
      memory.walkedAt = Date.now() - 61_000;
      expect((await runScanPass(deps, memory)).enrolled).toBe(1);
      // A new file is found once the statistics move (a moment after its report commits).
      const next = await reportWithFiles([fileWith(uniqueMarker())]);
      await expect
        .poll(async () => (await runScanPass(deps, memory)).enrolled, { timeout: 15_000, interval: 500 })
        .toBeGreaterThan(0);
      await runScanPass(deps, memory);
      expect((await caseYara("reports", next)).files[0]?.outcome).toBe("scanned");
    } finally {
      await scanner.close();
    }
  });
});
