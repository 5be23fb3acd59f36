import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isRsitType } from "../../../../contract/rsit.js";
import { SHADOWSERVER_COLUMNS, SHADOWSERVER_EXTRA_ON_PURPOSE } from "./columns.js";
import { DEFAULT_REPORT_SCHEMA, renderReportTypes } from "./report-types.generate.js";
import { shadowserverReportTypes } from "./report-types.js";

describe("the Shadowserver report-type table", () => {
  it.skipIf(!existsSync(DEFAULT_REPORT_SCHEMA))("is exactly what the generator makes of the report schema", () => {
    const rendered = renderReportTypes(readFileSync(DEFAULT_REPORT_SCHEMA, "utf8"));
    const committed = readFileSync(fileURLToPath(new URL("./report-types.json", import.meta.url)), "utf8");
    expect(committed).toBe(rendered);
  });

  it("gives every report type an RSIT classification and an identifier", () => {
    const types = shadowserverReportTypes();
    expect(types.length).toBeGreaterThanOrEqual(170);
    for (const t of types) {
      expect(isRsitType(t.taxonomy, t.type), t.reportType).toBe(true);
      expect(t.identifier).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.columns).toContain("timestamp");
    }
    // An IPv6 report is the same finding as its IPv4 twin.
    const byType = new Map(types.map((t) => [t.reportType, t]));
    expect(byType.get("scan6_rdp")?.identifier).toBe(byType.get("scan_rdp")?.identifier);
  });

  it("decides every column that names an address, host, port, URL or time: a field, or extra on purpose", () => {
    const looksLikeOne = /(^|_)(ip|ip_address|port|asn|hostname|host|url|timestamp|date|since|target)$/;
    const columns = new Set(shadowserverReportTypes().flatMap((t) => t.columns));
    const undecided = [...columns].filter(
      (c) => looksLikeOne.test(c) && !(c in SHADOWSERVER_COLUMNS) && !(c in SHADOWSERVER_EXTRA_ON_PURPOSE),
    );
    expect(undecided).toEqual([]);
  });
});
