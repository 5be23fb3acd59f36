import { describe, expect, it } from "vitest";
import { OBSERVABLE_TYPES } from "../../../contract/observables.js";
import { readCsv } from "../../platform/csv.js";
import { observablesCsv } from "./export-csv.js";
import { VALUE_OF_EVERY_TYPE, observable } from "./export.test-fixtures.js";

const incident = { reference: "INC-2025-0042", title: "Nätfiske", tlp: "TLP:AMBER" as const };
const BOM = "\uFEFF";
const HEADER = "type,value,tag,do_not_correlate,warning_lists,origins,first_seen,last_seen,incident";

/** The data rows after the byte-order mark and header, each without its CRLF. */
function rows(csv: string): string[] {
  expect(csv.endsWith("\r\n")).toBe(true);
  return csv.slice(BOM.length).split("\r\n").slice(1, -1);
}

describe("observablesCsv", () => {
  it("starts with a UTF-8 byte-order mark and the header row, lines ending in CRLF", () => {
    expect(observablesCsv(incident, [])).toBe(`${BOM}${HEADER}\r\n`);
  });

  it("writes one row per value with its verdict, lists and times", () => {
    const csv = observablesCsv(incident, [
      observable("ipv4", "198.51.100.7", {
        tag: "malicious",
        doNotCorrelate: true,
        warningLists: [
          { id: "a", name: "Documentation" },
          { id: "b", name: "Reserved" },
        ],
        origins: ["report", "note"],
      }),
      observable("domain", "evil.example"),
    ]);
    expect(rows(csv)).toEqual([
      "ipv4,198.51.100.7,malicious,true,Documentation; Reserved,report; note,2025-02-01T10:00:00.000Z,2025-02-03T10:00:00.000Z,INC-2025-0042",
      "domain,evil.example,,false,,report,2025-02-01T10:00:00.000Z,2025-02-03T10:00:00.000Z,INC-2025-0042",
    ]);
  });

  it("quotes a field holding a comma, a quote or a line break, doubling the quotes (RFC 4180)", () => {
    const csv = observablesCsv(incident, [
      observable("url", 'https://evil.example/a,b?q="x"'),
      observable("url", "https://evil.example/line\r\nbreak"),
      observable("domain", "evil.example", { warningLists: [{ id: "a", name: 'Lista "intern", 2025' }] }),
    ]);
    const lines = csv.slice(BOM.length).split("\r\n");
    expect(lines[1]).toContain(',"https://evil.example/a,b?q=""x""",');
    expect(lines[2]).toBe('url,"https://evil.example/line');
    expect(lines[3]).toMatch(/^break",,false,/);
    expect(lines[4]).toContain(',"Lista ""intern"", 2025",');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    const attacks = ['=HYPERLINK("http://evil.example")', "+1-2@evil.example", "-cmd", "@SUM(A1)", "\tx", "\rx"];
    const csv = observablesCsv(
      incident,
      attacks.map((value) => observable("email", value)),
    );
    const values = rows(csv).map((row) => row.split(",")[1]);
    expect(values[0]).toBe('"\'=HYPERLINK(""http://evil.example"")"');
    expect(values[1]).toBe("'+1-2@evil.example");
    expect(values[2]).toBe("'-cmd");
    expect(values[3]).toBe("'@SUM(A1)");
    expect(values[4]).toBe("'\tx");
    expect(values[5]).toBe('"\'\rx"');
    // A minus inside a value is harmless and stays as it is.
    expect(observablesCsv(incident, [observable("domain", "xn--rksmrgs-5wao1o.se")])).toContain(
      ",xn--rksmrgs-5wao1o.se,",
    );
  });

  it("keeps Swedish text intact", () => {
    const csv = observablesCsv(incident, [
      observable("url", "https://exempel.example/räksmörgås", {
        warningLists: [{ id: "a", name: "Myndigheternas domäner" }],
      }),
    ]);
    expect(csv).toContain("https://exempel.example/räksmörgås,,false,Myndigheternas domäner,");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes a value of every type as stored, read back whole by a CSV reader", async () => {
    const items = [
      ...OBSERVABLE_TYPES.map((type) => observable(type, VALUE_OF_EVERY_TYPE[type])),
      // A path with a comma, and a directory; a file name a spreadsheet would run as a formula.
      observable("filepath", "C:\\Program Files\\Acme, Inc\\agent.exe"),
      observable("filepath", "/var/www/html/phpmyadmin"),
      observable("filename", "=cmd.exe"),
    ];
    const records = [];
    const csv = observablesCsv(incident, items);
    for await (const batch of readCsv(
      (async function* () {
        yield csv;
      })(),
    ))
      records.push(...batch);
    const [header, ...data] = records.map((r) => r.fields);
    expect(header?.join(",")).toBe(HEADER);
    expect(data.map((fields) => [fields[0], fields[1]])).toEqual([
      ...items.slice(0, -1).map((i) => [i.type, i.value]),
      ["filename", "'=cmd.exe"],
    ]);
    expect(data.every((fields) => fields.length === HEADER.split(",").length)).toBe(true);
  });
});
