import { describe, expect, it } from "vitest";
import { fetchAttachmentLimits } from "./useIntakeLimits.js";

const answering =
  (status: number, body: string): typeof fetch =>
  () =>
    Promise.resolve(new Response(body, { status, headers: { "content-type": "application/json" } }));

describe("the server's attachment limits", () => {
  it("takes the per-file and per-report limits the server states", async () => {
    const body = JSON.stringify({ maxAttachmentBytes: 2048, maxReportBytes: 4096, maxBodyBytes: 1_048_576 });
    expect(await fetchAttachmentLimits(answering(200, body))).toEqual({ file: 2048, total: 4096 });
  });

  it("gives no limits for an error, a malformed answer or no answer, so the defaults stand", async () => {
    expect(await fetchAttachmentLimits(answering(503, "{}"))).toBeNull();
    expect(await fetchAttachmentLimits(answering(200, JSON.stringify({ maxAttachmentBytes: "big" })))).toBeNull();
    expect(await fetchAttachmentLimits(answering(200, "<html>proxy error</html>"))).toBeNull();
    expect(await fetchAttachmentLimits(() => Promise.reject(new TypeError("Failed to fetch")))).toBeNull();
  });
});
