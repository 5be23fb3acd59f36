import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import type { YaraRule, YaraRuleCreateInput } from "../../../contract/yara.js";
import type { TestApp } from "../../../test/support/app.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { type FilePart, multipart } from "../intake/test-fixtures.js";
import { type PassSummary, runScanPass } from "./scan-pass.js";
import { createYaraScanner } from "./scanner.js";

// Shared by the YARA tests: rules with names nobody else in the run uses, files on reports and
// incidents, and scan passes run on demand (the background loop is not started in tests).

/** A word nobody else in the run scans for. */
export const uniqueMarker = (label = "marker") => `${label}_${randomBytes(6).toString("hex")}`;

/** A rule source that matches files containing `marker`, as YARA rule `name` (default: derived). */
export const ruleMatching = (marker: string, name = `r_${marker}`) =>
  `rule ${name} {\n  meta:\n    author = "test"\n  strings:\n    $m = "${marker}"\n  condition:\n    $m\n}\n`;

export function yaraClient(app: () => TestApp, options: { timeoutMs?: number; maxFileBytes?: number } = {}) {
  const core = coreClient(app);
  const node = `test-${randomBytes(4).toString("hex")}`;
  let scanner: ReturnType<typeof createYaraScanner> | undefined;
  afterAll(async () => scanner?.close());

  /** Runs scan passes until one scans nothing more (and tells incidents). */
  const scanPass = async (): Promise<PassSummary> => {
    const { fyr, clock } = app();
    scanner ??= createYaraScanner({ timeoutMs: options.timeoutMs ?? 30_000, logger: fyr.deps.logger });
    const total: PassSummary = { enrolled: 0, scanned: 0, matches: 0, events: 0 };
    for (let i = 0; i < 20; i++) {
      const pass = await runScanPass({
        db: fyr.deps.db,
        clock,
        logger: fyr.deps.logger,
        blobs: fyr.deps.blobs,
        scanner,
        node,
        maxFileBytes: options.maxFileBytes ?? 1024 * 1024,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      for (const k of ["enrolled", "scanned", "matches", "events"] as const) total[k] += pass[k];
      if (pass.scanned === 0 && pass.events === 0) break;
    }
    return total;
  };

  /** Saves a rule and expects 201. */
  const createRule = async (
    token: string,
    body: Partial<YaraRuleCreateInput> & { source: string },
  ): Promise<YaraRule> => {
    const res = await core.call(token, "POST", "/api/v1/yara/rules", { name: uniqueMarker("rule"), ...body });
    if (res.statusCode !== 201) throw new Error(`rule not saved: ${res.statusCode} ${res.body}`);
    return res.json<YaraRule>();
  };

  /** Files a report with these attachments through the public API; answers its reference. */
  const reportWithFiles = async (files: FilePart[]): Promise<string> => {
    const body = multipart(
      { report: JSON.stringify({ whatHappened: "Misstänkt fil", reporter: { email: "a@example.se" } }) },
      files,
    );
    const res = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: body.payload,
      headers: body.headers,
    });
    if (res.statusCode !== 201) throw new Error(`report not filed: ${res.statusCode} ${res.body}`);
    return res.json<{ reference: string }>().reference;
  };

  /** Attaches files to an incident as `token`. */
  const attach = async (token: string, reference: string, files: FilePart[]) => {
    const body = multipart({}, files);
    const res = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/incidents/${reference}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 201) throw new Error(`not attached: ${res.statusCode} ${res.body}`);
  };

  return { ...core, scanPass, createRule, reportWithFiles, attach };
}
