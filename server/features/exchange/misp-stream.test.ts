import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { streamMispEvent } from "./misp-stream.js";

// The streaming reader of uploaded MISP events: every attribute handed over on its own, whatever the
// chunk boundaries, the rest kept as a skeleton; broken JSON and non-object attributes refused.

const doc = JSON.stringify(
  {
    Event: {
      uuid: "5f1c1e0e-1111-4111-8111-111111111111",
      Attribute: [
        { type: "ip-dst", value: "192.0.2.1", Tag: [{ name: "tlp:red" }] },
        { type: "text", value: 'tricky ]}"{ \\" å' },
      ],
      Object: [
        { name: "file", Attribute: [{ type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" }] },
        { name: "f", Attribute: [] },
      ],
      Tag: [{ name: "tlp:green" }],
      info: "Händelse",
    },
  },
  null,
  1,
);

async function read(text: string, chunkSize: number) {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const attributes: [string, unknown][] = [];
  const skeleton = await streamMispEvent(Readable.from(chunks), 1_000_000, (path, value) => {
    attributes.push([path, value]);
  });
  return { skeleton, attributes };
}

const codeOf = async (text: string) => {
  try {
    await read(text, 5);
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe("streamMispEvent", () => {
  it("hands over each attribute with its path, at any chunk size, and keeps the rest", async () => {
    const whole = JSON.parse(doc) as { Event: Record<string, unknown> };
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const { skeleton, attributes } = await read(doc, size);
      expect(attributes.map(([p]) => p)).toEqual([
        "body.Event.Attribute.0",
        "body.Event.Attribute.1",
        "body.Event.Object.0.Attribute.0",
      ]);
      expect(attributes[1]?.[1]).toEqual({ type: "text", value: 'tricky ]}"{ \\" å' });
      expect(skeleton).toEqual({
        Event: {
          ...whole.Event,
          Attribute: [],
          Object: [
            { name: "file", Attribute: [] },
            { name: "f", Attribute: [] },
          ],
        },
      });
    }
  });

  it("refuses JSON that is not, attributes that are not objects, and bodies past the limit", async () => {
    expect(await codeOf('{"Event": {"Attribute": [')).toBe("malformed_json");
    expect(await codeOf('{"Event": {"Attribute": [{"a":}]}}')).toBe("malformed_json");
    expect(await codeOf('{"Event": {}} trailing')).toBe("malformed_json");
    expect(await codeOf('{"Event": {"Attribute": [{}, "text"]}}')).toBe("validation_failed");
    await expect(streamMispEvent(Readable.from([Buffer.from(doc)]), 100, () => undefined)).rejects.toMatchObject({
      code: "body_too_large",
    });
  });
});
