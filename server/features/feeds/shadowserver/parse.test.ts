import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isRsitType } from "../../../../contract/rsit.js";
import { type ParsedFeedBatch, type ParsedFeedEvent, parseShadowserverCsv } from "./parse.js";
import { findShadowserverReportType, reportTypeFromFileName } from "./report-types.js";

const sample = (name: string) => fileURLToPath(new URL(`./samples/${name}`, import.meta.url));

async function parseFile(name: string, reportType: string): Promise<ParsedFeedBatch> {
  const out: ParsedFeedBatch = { events: [], malformed: [] };
  const chunks = createReadStream(sample(name), { highWaterMark: 64 });
  for await (const batch of parseShadowserverCsv(chunks, { reportType: findShadowserverReportType(reportType) })) {
    out.events.push(...batch.events);
    out.malformed.push(...batch.malformed);
  }
  return out;
}

async function* text(s: string): AsyncGenerator<string> {
  yield s;
}

async function parseText(csv: string, reportType: string): Promise<ParsedFeedBatch> {
  const out: ParsedFeedBatch = { events: [], malformed: [] };
  for await (const batch of parseShadowserverCsv(text(csv), { reportType: findShadowserverReportType(reportType) })) {
    out.events.push(...batch.events);
    out.malformed.push(...batch.malformed);
  }
  return out;
}

const firstEvent = (batch: ParsedFeedBatch): ParsedFeedEvent => {
  const event = batch.events[0];
  if (!event) throw new Error("no event");
  return event;
};

describe("Shadowserver reports", () => {
  it.each([
    ["scan_rdp.csv", "scan_rdp", "vulnerable", "vulnerable-system", 2],
    ["scan_ntp.csv", "scan_ntp", "vulnerable", "vulnerable-system", 3],
    ["test_smb.csv", "scan_smb", "vulnerable", "vulnerable-system", 3],
    ["test_telnet.csv", "scan_telnet", "vulnerable", "vulnerable-system", 2],
    ["event4_sinkhole.csv", "event4_sinkhole", "malicious-code", "infected-system", 3],
    ["event4_sinkhole_http.csv", "event4_sinkhole_http", "malicious-code", "infected-system", 5],
    ["compromised_website.csv", "compromised_website", "intrusions", "system-compromise", 3],
    ["blocklist.csv", "blocklist", "other", "other", 3],
  ])("%s reads as %s with an RSIT classification, every row an event", async (file, type, taxonomy, rsitType, rows) => {
    const parsed = await parseFile(file, type);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.events).toHaveLength(rows);
    for (const event of parsed.events) {
      expect(event.fields["classification.taxonomy"]).toBe(taxonomy);
      expect(event.fields["classification.type"]).toBe(rsitType);
      expect(isRsitType(taxonomy, rsitType)).toBe(true);
      expect(event.fields["time.source"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(event.fields["source.ip"] ?? event.fields["source.network"]).toBeDefined();
    }
  });

  it("names harmonised fields by header, keeps the rest under extra, and numbers as numbers", async () => {
    const rdp = firstEvent(await parseFile("scan_rdp.csv", "scan_rdp"));
    expect(rdp.line).toBe(2);
    expect(rdp.fields).toMatchObject({
      "time.source": "2019-09-04T15:45:51.000Z",
      "source.ip": "198.123.245.178",
      "source.port": 5678,
      "source.asn": 5678,
      "source.geolocation.cc": "AA",
      "feed.name": "shadowserver-scan_rdp",
      "classification.identifier": "accessible-rdp",
    });
    expect(rdp.extra).toMatchObject({
      tag: "rdp",
      subject_common_name: "KABESRV.KABE.local",
      bluekeep_vulnerable: "N",
    });
    const sinkhole = firstEvent(await parseFile("event4_sinkhole.csv", "event4_sinkhole"));
    expect(sinkhole.fields).toMatchObject({
      "source.ip": "190.113.1.2",
      "source.port": 17409,
      "destination.ip": "178.162.1.2",
      "destination.port": 4455,
      "protocol.transport": "tcp",
      "malware.name": "victorygate.b",
    });
  });

  it("keeps a value that does not fit its field under extra instead of dropping or misfiling it", async () => {
    const csv =
      '"timestamp","ip","port","hostname","tag"\n"2026-11-30 01:02:03","not-an-ip",99999,"-bad-.example","rdp"\n';
    const event = firstEvent(await parseText(csv, "scan_rdp"));
    expect(event.fields["source.ip"]).toBeUndefined();
    expect(event.extra).toMatchObject({ ip: "not-an-ip", port: "99999", hostname: "-bad-.example" });
  });

  it("counts a malformed row with its line and goes on", async () => {
    const csv = [
      '"timestamp","ip","port","hostname","tag"',
      '"2026-11-30 01:02:03","192.0.2.1",3389,,"rdp"',
      '"2026-11-30 01:02:03","192.0.2.2",3389,,"rdp","one too many"',
      '"2026-11-30 01:02:05","192.0.2.5",3389',
      '"yesterday","192.0.2.3",3389,,"rdp"',
      '"2026-11-30 01:02:04","192.0.2.4",3389,,"rdp"',
    ].join("\r\n");
    const parsed = await parseText(csv, "scan_rdp");
    // A short row is Shadowserver's habit (empty trailing fields left out): it is read.
    expect(parsed.events.map((e) => e.fields["source.ip"])).toEqual(["192.0.2.1", "192.0.2.5", "192.0.2.4"]);
    expect(parsed.malformed).toEqual([
      { line: 3, message: "6 fields where the header has 5" },
      { line: 5, message: "no valid timestamp" },
    ]);
  });

  it("refuses another report's file at its header, naming what is missing", async () => {
    await expect(parseFile("event4_sinkhole.csv", "scan_rdp")).rejects.toMatchObject({
      code: "feed_file_not_recognised",
      message: expect.stringContaining("scan_rdp"),
    });
    // A blocklist shares the address columns with a scan, and nothing else.
    await expect(parseFile("blocklist.csv", "scan_rdp")).rejects.toMatchObject({
      code: "feed_file_not_recognised",
      message: expect.stringContaining("source, reason"),
    });
  });

  it("reads the report type from Shadowserver's file names, and refuses an unknown one by name", () => {
    expect(reportTypeFromFileName("2026-11-30-scan_rdp-sweden-geo.csv")).toBe("scan_rdp");
    expect(reportTypeFromFileName("/in/2026-11-30-event4_sinkhole_http-se.csv.gz")).toBe("event4_sinkhole_http");
    expect(reportTypeFromFileName("scan_rdp.csv")).toBeUndefined();
    expect(() => findShadowserverReportType("scan_nonsense")).toThrow(/scan_nonsense/);
  });
});
