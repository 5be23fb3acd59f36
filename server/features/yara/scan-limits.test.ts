import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseYara } from "../../../contract/yara.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { ruleMatching, uniqueMarker, yaraClient } from "./yara.test-fixtures.js";

// A rule that takes forever on big files: the file's scan is stopped at the time limit (the scanner's
// process is killed) and recorded as such, and the next file is scanned by a fresh process.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, createRule, scanPass, reportWithFiles } = yaraClient(app, { timeoutMs: 1500, maxFileBytes: 1024 * 1024 });

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

describe("the time limit per file", () => {
  it("stops a scan that runs too long, says so, and goes on with the next file", async () => {
    const slow = `rule slow_${uniqueMarker()} {
  condition:
    filesize > 100000 and for all i in (0..filesize) : (for all j in (0..filesize) : (uint8(i) != uint8(j) or true))
}`;
    await createRule(analyst, { source: slow });
    const marker = uniqueMarker();
    await createRule(analyst, { source: ruleMatching(marker) });
    const big = await reportWithFiles([{ filename: "big.bin", content: Buffer.alloc(200_000, 3) }]);
    const small = await reportWithFiles([{ filename: "small.txt", content: Buffer.from(`x ${marker} y`) }]);
    await scanPass();
    const view = async (reference: string) =>
      (await call(analyst, "GET", `/api/v1/reports/${reference}/yara`)).json<CaseYara>().files[0];
    expect(await view(big)).toMatchObject({
      outcome: "timed_out",
      detail: "Stopped after the time limit of 2 s",
      matches: [],
    });
    const smallView = await view(small);
    expect(smallView?.outcome).toBe("scanned");
    expect(smallView?.matches).toHaveLength(1);
  });
});
