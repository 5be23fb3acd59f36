import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, readCsv } from "./csv.js";

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function all(text: string, size = 7, maxRecordLength?: number): Promise<{ line: number; fields: string[] }[]> {
  const out: { line: number; fields: string[] }[] = [];
  for await (const batch of readCsv(chunksOf(text, size), { maxRecordLength })) out.push(...batch);
  return out;
}

/** How a writer quotes a field (RFC 4180 §2.6–2.7). */
const quote = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

describe("the CSV reader", () => {
  it("reads quoted fields, doubled quotes, CRLF and line breaks inside quotes, naming each record's line", async () => {
    const text = '\uFEFFip,note\r\n192.0.2.1,"says ""hi"", twice"\r\n192.0.2.2,"two\nlines"\n\n192.0.2.3,\n';
    expect(await all(text)).toEqual([
      { line: 1, fields: ["ip", "note"] },
      { line: 2, fields: ["192.0.2.1", 'says "hi", twice'] },
      { line: 3, fields: ["192.0.2.2", "two\nlines"] },
      { line: 6, fields: ["192.0.2.3", ""] },
    ]);
  });

  it("reads a last record without a line end", async () => {
    expect(await all("a,b\nc,d", 3)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
    ]);
  });

  it("stops at an unclosed quote, and at a record past the limit, with the line", async () => {
    await expect(all('a\n"never closed,\nb\n')).rejects.toEqual(new CsvError(2, "unclosed-quote"));
    await expect(all(`a\n"${"x".repeat(100)}`, 7, 50)).rejects.toMatchObject({ line: 2, reason: "record-too-long" });
  });

  it("reads back what a writer wrote, however the text is cut into chunks", async () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "å") });
    const row = fc.array(field, { minLength: 2, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, size) => {
          const text = rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
          const read = (await all(text, size)).map((r) => r.fields);
          expect(read).toEqual(rows);
        },
      ),
    );
  });
});
