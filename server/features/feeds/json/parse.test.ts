import { describe, expect, it } from "vitest";
import { AppError } from "../../../platform/errors.js";
import type { ParsedFeedBatch } from "../shadowserver/parse.js";
import { parseMappedJson } from "./parse.js";

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const mapping = {
  seen: "time.source",
  addr: "source.ip",
  "geo.cc": "source.geolocation.cc",
  kind: "classification.type",
} as const;

async function parse(text: string, size = 7): Promise<ParsedFeedBatch> {
  const out: ParsedFeedBatch = { events: [], malformed: [] };
  for await (const b of parseMappedJson(chunksOf(text, size), { mapping, feedName: "partner" })) {
    out.events.push(...b.events);
    out.malformed.push(...b.malformed);
  }
  return out;
}

const row = (ip: string, more: Record<string, unknown> = {}) => ({
  seen: "2026-11-30 10:00:00",
  addr: ip,
  geo: { cc: "se", city: "Umeå" },
  note: 'a "quoted", [bracketed] {text}',
  ...more,
});

describe("generic JSON through a saved mapping", () => {
  it("reads JSON lines and a JSON array alike, nested keys by dotted path, the rest under extra", async () => {
    const lines = await parse(`${JSON.stringify(row("192.0.2.1"))}\n\n${JSON.stringify(row("192.0.2.2"))}\n`);
    const array = await parse(
      `[\n  ${JSON.stringify(row("192.0.2.1"))},\n  ${JSON.stringify(row("192.0.2.2"))}\n]\n`,
      5,
    );
    for (const parsed of [lines, array]) {
      expect(parsed.malformed).toEqual([]);
      expect(parsed.events.map((e) => e.fields["source.ip"])).toEqual(["192.0.2.1", "192.0.2.2"]);
      expect(parsed.events[0]?.fields).toMatchObject({
        "time.source": "2026-11-30T10:00:00.000Z",
        "source.geolocation.cc": "SE",
        "classification.taxonomy": "other",
        "classification.type": "undetermined",
        "feed.name": "partner",
      });
      expect(parsed.events[0]?.extra).toEqual({ "geo.city": "Umeå", note: 'a "quoted", [bracketed] {text}' });
    }
    expect(lines.events.map((e) => e.line)).toEqual([1, 3]);
    expect(array.events.map((e) => e.line)).toEqual([2, 3]);
  });

  it("counts a bad object with its line and goes on; refuses a file the mapping does not fit at its first object", async () => {
    const parsed = await parse(
      [
        JSON.stringify(row("192.0.2.1")),
        "{not json",
        JSON.stringify(row("192.0.2.3", { kind: "no-such-type" })),
        JSON.stringify(row("192.0.2.4")),
      ].join("\n"),
    );
    expect(parsed.events.map((e) => e.line)).toEqual([1, 4]);
    expect(parsed.malformed).toEqual([
      { line: 2, message: "not JSON" },
      { line: 3, message: "other/no-such-type is not an RSIT classification" },
    ]);
    await expect(parse(`${JSON.stringify({ when: "x", ip: "192.0.2.1" })}\n`)).rejects.toThrow(
      /none of the source's mapped keys/,
    );
    await expect(parse("timestamp,ip\n2026-11-30,192.0.2.1\n")).rejects.toBeInstanceOf(AppError);
    await expect(parse(`[${JSON.stringify(row("192.0.2.1"))},`)).rejects.toThrow(/never closed/);
  });
});
