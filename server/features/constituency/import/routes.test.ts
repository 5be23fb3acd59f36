import { rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConstituencyImport } from "../../../../contract/constituency-imports.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { type FilePart, multipart, tempDataDir } from "../../intake/test-fixtures.js";
import { RIPE_FIXTURES, fixture } from "./import.test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_CONSTITUENCY_IMPORT_MAX_BYTES: "4096" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let duty = "";
let analyst = "";
beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const ripeFiles = (): FilePart[] =>
  RIPE_FIXTURES.map((name) => ({ filename: name, content: fixture(name), field: "file" }));

function upload(token: string, fields: Record<string, string>, files: FilePart[], filesFirst = false) {
  const body = multipart(fields, files, { filesFirst });
  return app().fyr.http.inject({
    method: "POST",
    url: "/api/v1/constituency/imports",
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });
}

describe("constituency imports over HTTP", () => {
  it("an upload is a preview; reading it back and applying it writes the registry", async () => {
    // The fields may come after the files; a gzip file is unpacked.
    const files = ripeFiles().map((f) =>
      f.filename === "ripe.db.inetnum" ? { ...f, filename: "ripe.db.inetnum.gz", content: gzipSync(f.content) } : f,
    );
    const res = await upload(duty, { format: "ripe", country: "SE" }, files, true);
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json<ConstituencyImport>();
    expect(preview).toMatchObject({ status: "preview", format: "ripe", filters: { countries: ["SE"] }, errorCount: 0 });
    expect(preview.counts.networks).toEqual({ added: 3, changed: 0, removed: 0, kept: 0 });
    expect(preview.samples.organisations?.added?.map((s) => s.what)).toContain("Exempel AB");

    const auth = { authorization: `Bearer ${duty}` };
    const read = await app().fyr.http.inject({ url: `/api/v1/constituency/imports/${preview.id}`, headers: auth });
    expect(read.json<ConstituencyImport>().id).toBe(preview.id);
    const applied = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/constituency/imports/${preview.id}/apply`,
      headers: auth,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<ConstituencyImport>().status).toBe("applied");
    const again = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/constituency/imports/${preview.id}/apply`,
      headers: auth,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe("constituency_import_not_preview");
  });

  it("an import with errors is not applied: 409 with its code", async () => {
    const bad = {
      filename: "ripe.db.inetnum",
      field: "file",
      content: Buffer.from("inetnum: 10.0.0.9 - 10.0.0.1\ncountry: SE\norg: ORG-EA1-RIPE\n"),
    };
    const res = await upload(duty, { format: "ripe" }, [bad]);
    const preview = res.json<ConstituencyImport>();
    expect(preview.errors).toEqual([
      { file: "ripe.db.inetnum", line: 1, message: "inetnum 10.0.0.9 - 10.0.0.1: the range starts after it ends" },
    ]);
    const applied = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/constituency/imports/${preview.id}/apply`,
      headers: { authorization: `Bearer ${duty}` },
    });
    expect(applied.statusCode).toBe(409);
    expect(applied.json<{ code: string }>().code).toBe("constituency_import_has_errors");
  });

  it("refuses a file past FYR_CONSTITUENCY_IMPORT_MAX_BYTES (413), a bad form (400) and an analyst (403)", async () => {
    const big = { filename: "big.csv", field: "file", content: Buffer.alloc(5000, 0x41) };
    const tooLarge = await upload(duty, { format: "csv" }, [big]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<{ code: string }>().code).toBe("constituency_import_too_large");
    const badForm = await upload(duty, { format: "xml" }, ripeFiles().slice(0, 1));
    expect(badForm.statusCode).toBe(400);
    const noFile = await upload(duty, { format: "ripe" }, []);
    expect(noFile.statusCode).toBe(400);
    expect((await upload(analyst, { format: "ripe" }, ripeFiles())).statusCode).toBe(403);
    const missing = await app().fyr.http.inject({
      url: "/api/v1/constituency/imports/01900000-0000-7000-8000-000000000000",
      headers: { authorization: `Bearer ${duty}` },
    });
    expect(missing.statusCode).toBe(404);
  });
});
