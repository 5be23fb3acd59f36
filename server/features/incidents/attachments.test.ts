import { createHash, randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentAttachmentList, TimelinePage } from "../../../contract/incidents.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { sweepOrphanBlobs } from "../intake/blob-sweep.js";
import { type FilePart, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAX_ATTACHMENT_BYTES: "2048" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, openIncident } = coreClient(app);

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const upload = (reference: string, files: FilePart[], fields: Record<string, string> = {}) => {
  const body = multipart(fields, files);
  return app().fyr.http.inject({
    method: "POST",
    url: `/api/v1/incidents/${reference}/attachments`,
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${analyst}` },
  });
};

describe("incident attachments", () => {
  it("stores files in the blob store, lists them, and only ever downloads them", async () => {
    const { reference } = await openIncident(analyst);
    const pcap = randomBytes(1500);
    const res = await upload(reference, [
      { filename: "../../trafik.pcap", content: pcap, contentType: "application/vnd.tcpdump.pcap" },
      { filename: "<script>.html", content: Buffer.from("<script>alert(1)</script>"), contentType: "text/html" },
    ]);
    expect(res.statusCode).toBe(201);
    const added = res.json<IncidentAttachmentList>().items;
    expect(added.map((a) => a.filename)).toEqual(["trafik.pcap", "<script>.html"]);
    expect(added[0]).toMatchObject({ size: 1500, sha256: createHash("sha256").update(pcap).digest("hex") });

    const listed = (
      await call(analyst, "GET", `/api/v1/incidents/${reference}/attachments`)
    ).json<IncidentAttachmentList>();
    expect(listed.items.map((a) => a.id).sort()).toEqual(added.map((a) => a.id).sort());

    const html = await call(analyst, "GET", `/api/v1/incidents/${reference}/attachments/${added[1]?.id ?? ""}`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("application/octet-stream");
    expect(html.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(html.body).toBe("<script>alert(1)</script>");

    const timeline = (await call(analyst, "GET", `/api/v1/incidents/${reference}/timeline`)).json<TimelinePage>();
    expect(timeline.items.filter((e) => e.kind === "attachment").map((e) => e.data.filename)).toEqual(
      expect.arrayContaining(["trafik.pcap", "<script>.html"]),
    );
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", reference)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["incident.files_attached", "incident.file_downloaded"]),
    );

    // The orphan clean-up leaves files that incidents hold.
    await sweepOrphanBlobs(app().fyr.deps.db, app().fyr.deps.blobs, new Date(Date.now() + 60_000));
    expect(await app().fyr.deps.blobs.exists(added[0]?.sha256 ?? "")).toBe(true);
  });

  it("refuses a file over the limit (413) and an upload without files (400)", async () => {
    const { reference } = await openIncident(analyst);
    const big = await upload(reference, [{ filename: "big.bin", content: randomBytes(4096) }]);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: "attachment_too_large" });
    const none = await upload(reference, [], { note: "ingen fil" });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: "no_files" });
    const listed = (
      await call(analyst, "GET", `/api/v1/incidents/${reference}/attachments`)
    ).json<IncidentAttachmentList>();
    expect(listed.items).toEqual([]);
    const missing = await call(analyst, "GET", `/api/v1/incidents/${reference}/attachments/${crypto.randomUUID()}`);
    expect(missing.json()).toMatchObject({ status: 404, code: "attachment_not_found" });
  });
});
