import { createHash, randomBytes, randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseFileList, FileDetail } from "../../../contract/evidence.js";
import type { IncidentDetail } from "../../../contract/incidents.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { minimalReport, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { PE_HEAD } from "./evidence.test-fixtures.js";

// Trying to break the policy: a file in a TLP:RED case is invisible to whoever may not see the case —
// not listed, not counted, not found by its hash, not hinted at by a sample mark or a "seen elsewhere",
// and every route answers for it exactly what it answers for a file that does not exist.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, openIncident } = coreClient(app);

const people = { assignee: "", outsider: "", admin: "", member: "" };
let red: IncidentDetail;
let amber: IncidentDetail;
let redReport = "";
let redAttachment = "";
let redUpload = "";
let ownReport = "";
let ownFile = "";
const content = Buffer.concat([PE_HEAD, randomBytes(32)]);
const sha256 = createHash("sha256").update(content).digest("hex");
const md5 = createHash("md5").update(content).digest("hex");

async function report(files: { filename: string; content: Buffer }[]): Promise<string> {
  const body = multipart({ report: JSON.stringify(minimalReport({ tlp: "TLP:AMBER" })) }, files);
  const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
  return res.json<{ reference: string }>().reference;
}
const filesOf = async (token: string, kind: "reports" | "incidents", reference: string) =>
  (await call(token, "GET", `/api/v1/${kind}/${reference}/files`)).json<CaseFileList>().items;

beforeAll(async () => {
  const assignee = await createTokenFor(app(), { roles: ["analyst"] });
  const member = await createTokenFor(app(), { roles: ["duty"] });
  people.assignee = assignee.token;
  people.member = member.token;
  people.outsider = (await createTokenFor(app(), { roles: ["analyst", "duty"] })).token;
  people.admin = (await createTokenFor(app(), { roles: ["admin"] })).token;

  redReport = await report([{ filename: "dropper.exe", content }]);
  redAttachment = (await filesOf(people.admin, "reports", redReport))[0]?.id ?? "";
  // The outsider links the report to their own incident while it is still visible to them…
  amber = await openIncident(people.outsider, { title: "Nätfiske", reports: [redReport] });
  // …then it goes into a TLP:RED incident they are no reader of.
  red = await openIncident(people.assignee, {
    title: "Statligt intrång",
    reports: [redReport],
    tlp: "TLP:RED",
    assigneeId: assignee.userId,
  });
  await call(people.assignee, "POST", `/api/v1/incidents/${red.reference}/members`, { userId: member.userId });
  const up = multipart({}, [{ filename: "minne.raw", content: Buffer.from(`dump ${randomUUID()}`) }]);
  await app().fyr.http.inject({
    method: "POST",
    url: `/api/v1/incidents/${red.reference}/attachments`,
    payload: up.payload,
    headers: { ...up.headers, authorization: `Bearer ${people.assignee}` },
  });
  redUpload =
    (await filesOf(people.assignee, "incidents", red.reference)).find((f) => f.filename === "minne.raw")?.id ?? "";
  // The RED case's copy is marked a sample; the outsider holds the same bytes in a report of their own.
  expect(
    (await call(people.assignee, "POST", `/api/v1/files/${redAttachment}/sample`, { reason: "APT" })).statusCode,
  ).toBe(204);
  ownReport = await report([{ filename: "samma.bin", content }]);
  ownFile = (await filesOf(people.outsider, "reports", ownReport))[0]?.id ?? "";
  await app().fyr.runDueJobs();
});

describe("files of a TLP:RED case", () => {
  it("are seen, listed and marked for its assignee, members and admins", async () => {
    for (const who of ["assignee", "member", "admin"] as const) {
      const items = await filesOf(people[who], "incidents", red.reference);
      expect(items.map((f) => f.id).sort(), who).toEqual([redAttachment, redUpload].sort());
      const page = await call(people[who], "GET", `/api/v1/files/${redAttachment}`);
      expect(page.statusCode, who).toBe(200);
      expect(page.json<FileDetail>().sample, who).toBe(true);
    }
  });

  it("answer an outsider on every route exactly as a file that does not exist", async () => {
    const routes: [method: "GET" | "POST", path: (id: string) => string, body?: object][] = [
      ["GET", (id) => `/api/v1/files/${id}`],
      ["GET", (id) => `/api/v1/files/${id}/content`],
      ["GET", (id) => `/api/v1/files/${id}/sample.zip`],
      ["GET", (id) => `/api/v1/files/${id}/custody-record?language=sv`],
      ["POST", (id) => `/api/v1/files/${id}/sample`, { reason: "gissning" }],
    ];
    const missing = randomUUID();
    for (const [method, path, body] of routes) {
      const none = await call(people.outsider, method, path(missing), body);
      expect(none.statusCode).toBe(404);
      for (const id of [redAttachment, redUpload]) {
        const res = await call(people.outsider, method, path(id), body);
        expect(res.statusCode, path(id)).toBe(404);
        expect(res.headers["content-type"], path(id)).toBe(none.headers["content-type"]);
        expect(res.body, path(id)).toBe(none.body);
      }
    }
    expect(
      (await call(people.outsider, "GET", `/api/v1/reports/${redReport}/attachments/${redAttachment}`)).json(),
    ).toMatchObject({ status: 404, code: "report_not_found" });
    expect((await call(people.outsider, "GET", `/api/v1/incidents/${red.reference}/files`)).json()).toMatchObject({
      status: 404,
      code: "incident_not_found",
    });
    expect((await call(people.outsider, "GET", `/api/v1/reports/${redReport}/files`)).json()).toMatchObject({
      status: 404,
      code: "report_not_found",
    });
    // Nothing was written for the outsider's attempts: no custody link names them on the RED file.
    const chain = (await call(people.admin, "GET", `/api/v1/files/${redAttachment}`)).json<FileDetail>().custody;
    expect(chain.map((e) => e.event)).toEqual(["received", "marked_sample"]);
  });

  it("are neither listed, counted, found by hash nor hinted at through a case the outsider does see", async () => {
    // The outsider's own incident still links the report: its files are not listed there.
    expect(await filesOf(people.outsider, "incidents", amber.reference)).toEqual([]);
    // By its hash, only their own copy comes up.
    const byHash = (await call(people.outsider, "GET", `/api/v1/files?sha256=${sha256}`)).json<CaseFileList>();
    expect(byHash.items.map((f) => f.id)).toEqual([ownFile]);
    // Their copy: not "seen elsewhere", not a sample (the mark is the RED case's), downloadable raw.
    const page = (await call(people.outsider, "GET", `/api/v1/files/${ownFile}`)).json<FileDetail>();
    expect(page).toMatchObject({ sample: false, sampleMarks: [], alsoIn: [], canMark: true });
    expect((await call(people.outsider, "GET", `/api/v1/files/${ownFile}/content`)).statusCode).toBe(200);
    // The hash as a value: its sightings are the outsider's case only.
    const value = (await call(people.outsider, "GET", `/api/v1/observables?value=${md5}`)).json<ObservableDetail>();
    expect(value.sightings.items.map((s) => s.reference)).toEqual([ownReport]);
    expect(JSON.stringify(value)).not.toContain(redReport);
    // The assignee sees both copies, the mark, and that the outsider's report holds it too.
    const inside = (await call(people.assignee, "GET", `/api/v1/files/${redAttachment}`)).json<FileDetail>();
    expect(inside.alsoIn.map((c) => c.reference)).toEqual([ownReport]);
    const theirs = (await call(people.assignee, "GET", `/api/v1/files/${ownFile}/content`)).json();
    expect(theirs).toMatchObject({ code: "file_is_sample" });
  });
});
