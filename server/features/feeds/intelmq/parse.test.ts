import { describe, expect, it } from "vitest";
import type { ParsedFeedBatch } from "../shadowserver/parse.js";
import { parseIntelmqLines } from "./parse.js";

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parse(text: string): Promise<ParsedFeedBatch> {
  const out: ParsedFeedBatch = { events: [], malformed: [] };
  for await (const b of parseIntelmqLines(chunksOf(text, 13), { feedName: "from-intelmq" })) {
    out.events.push(...b.events);
    out.malformed.push(...b.malformed);
  }
  return out;
}

const event = {
  "time.source": "2026-11-30T10:00:00+00:00",
  "time.observation": "2026-11-30T10:05:00+00:00",
  "feed.name": "Spamhaus Drop",
  "classification.taxonomy": "malicious-code",
  "classification.type": "infected-system",
  "classification.identifier": "mirai",
  "source.ip": "192.0.2.7",
  "source.port": 23,
  "source.asn": 64500,
  "malware.name": "mirai",
  "extra.device": "camera",
  raw: "ZXZlbnQ=",
};

describe("IntelMQ events", () => {
  it("read as Fyr events: harmonised fields kept, extra.* under extra, raw dropped, the feed named by Fyr", async () => {
    const parsed = await parse(`${JSON.stringify(event)}\n${JSON.stringify({ ...event, "source.ip": "192.0.2.8" })}\n`);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.events).toHaveLength(2);
    expect(parsed.events[0]).toEqual({
      line: 1,
      fields: {
        "time.source": "2026-11-30T10:00:00.000Z",
        "time.observation": "2026-11-30T10:05:00.000Z",
        "feed.name": "from-intelmq",
        "classification.taxonomy": "malicious-code",
        "classification.type": "infected-system",
        "classification.identifier": "mirai",
        "source.ip": "192.0.2.7",
        "source.port": 23,
        "source.asn": 64500,
        "malware.name": "mirai",
      },
      extra: { device: "camera", "intelmq.feed.name": "Spamhaus Drop" },
    });
  });

  it("counts a bad line with its number, and refuses a file that is not JSON lines at all", async () => {
    const parsed = await parse(
      [
        JSON.stringify(event),
        "{not json",
        JSON.stringify({ ...event, "classification.type": "ransomware" }),
        JSON.stringify({ ...event, "time.source": "yesterday", "time.observation": undefined }),
      ].join("\n"),
    );
    expect(parsed.events).toHaveLength(1);
    expect(parsed.malformed).toEqual([
      { line: 2, message: "not JSON" },
      { line: 3, message: "malicious-code/ransomware is not an RSIT classification" },
      { line: 4, message: "no valid time.source" },
    ]);
    await expect(parse('"timestamp","ip"\n"2026-11-30",192.0.2.1\n')).rejects.toMatchObject({
      code: "feed_file_not_recognised",
    });
  });
});
