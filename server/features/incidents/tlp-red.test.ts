import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentDetail } from "../../../contract/incidents.js";
import type { ReportDetail, ReportsPage } from "../../../contract/intake-staff.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { minimalReport, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

// TLP:RED is for named recipients: its assignee, explicit members and admins. Everyone else gets the
// answer a missing incident gets (404), through every endpoint, and its reports vanish from them too.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, fileReport, openIncident } = coreClient(app);

const people: Record<"assignee" | "member" | "outsider" | "admin" | "observer" | "publisher", string> = {
  assignee: "",
  member: "",
  outsider: "",
  admin: "",
  observer: "",
  publisher: "",
};
let assigneeId = "";
let memberId = "";
let red: IncidentDetail;
let redReport = "";
let redAttachment = "";
let amber: IncidentDetail;

const upload = (token: string, url: string) => {
  const body = multipart({}, [{ filename: "x.txt", content: Buffer.from("x") }]);
  return app().fyr.http.inject({
    method: "POST",
    url,
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });
};

beforeAll(async () => {
  ({ token: people.assignee, userId: assigneeId } = await createTokenFor(app(), { roles: ["analyst"] }));
  ({ token: people.member, userId: memberId } = await createTokenFor(app(), { roles: ["duty"] }));
  // Duty as well as analyst: every action on a report is theirs by role, so only TLP can hide one from them.
  people.outsider = (await createTokenFor(app(), { roles: ["analyst", "duty"] })).token;
  people.admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  people.observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  people.publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;

  const body = multipart({ report: JSON.stringify(minimalReport({ tlp: "TLP:AMBER" })) }, [
    { filename: "sample.bin", content: Buffer.from("MZ not really malware") },
  ]);
  const filed = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
  redReport = filed.json<{ reference: string }>().reference;
  const view = (await call(people.admin, "GET", `/api/v1/reports/${redReport}`)).json<ReportDetail>();
  redAttachment = view.attachments[0]?.id ?? "";

  red = await openIncident(people.assignee, {
    title: "Intrång hos myndighet",
    reports: [redReport],
    tlp: "TLP:RED",
    assigneeId,
  });
  await call(people.assignee, "POST", `/api/v1/incidents/${red.reference}/members`, { userId: memberId });
  amber = await openIncident(people.assignee, { title: "Nätfiske" });
});

describe("a TLP:RED incident", () => {
  it("is seen by its assignee, its members and admins", async () => {
    for (const who of ["assignee", "member", "admin"] as const) {
      const res = await call(people[who], "GET", `/api/v1/incidents/${red.reference}`);
      expect(res.statusCode, who).toBe(200);
      expect((await call(people[who], "GET", `/api/v1/incidents/${red.reference}/timeline`)).statusCode).toBe(200);
      const report = await call(people[who], "GET", `/api/v1/reports/${redReport}`);
      expect(report.json<ReportDetail>().incidents.map((i) => i.reference)).toEqual([red.reference]);
    }
    const note = await call(people.member, "POST", `/api/v1/incidents/${red.reference}/notes`, { body: "Sett" });
    expect(note.statusCode).toBe(201);
  });

  it("answers 404 to everyone else, on every incident endpoint (an observer's writes: 403 on any incident)", async () => {
    const base = `/api/v1/incidents/${red.reference}`;
    for (const who of ["outsider", "observer"] as const) {
      const token = people[who];
      const reads = [
        await call(token, "GET", base),
        await call(token, "GET", `${base}/timeline`),
        await call(token, "GET", `${base}/attachments`),
        await call(token, "GET", `${base}/attachments/00000000-0000-4000-8000-000000000000`),
      ];
      const writes = [
        await call(token, "PATCH", base, { version: red.version, title: "Mitt nu" }),
        await call(token, "POST", `${base}/notes`, { body: "hej" }),
        await call(token, "POST", `${base}/reports`, { reference: (await fileReport()).reference }),
        await call(token, "DELETE", `${base}/reports/${redReport}`),
        await call(token, "POST", `${base}/members`, { userId: memberId }),
        await call(token, "DELETE", `${base}/members/${memberId}`),
        await upload(token, `${base}/attachments`),
      ];
      for (const res of who === "outsider" ? [...reads, ...writes] : reads) {
        expect(res.statusCode, `${who} ${res.body}`).toBe(404);
        expect(res.json()).toMatchObject({ code: "incident_not_found" });
      }
      // The role check comes before anything about the incident, so it says nothing about this one.
      if (who === "observer")
        for (const res of writes) expect(res.json()).toMatchObject({ status: 403, code: "forbidden" });
    }
  });

  it("hides its reports from everyone else: detail, files, actions and the inbox", async () => {
    const report = `/api/v1/reports/${redReport}`;
    for (const who of ["outsider", "observer"] as const) {
      const token = people[who];
      const attempts = [
        await call(token, "GET", report),
        await call(token, "GET", `${report}/attachments/${redAttachment}`),
        await call(token, "GET", `${report}/original`),
      ];
      if (who === "outsider")
        attempts.push(
          await call(token, "POST", `${report}/acknowledge`, {}),
          await call(token, "POST", `${report}/reject`, { reason: "spam" }),
          await call(token, "POST", `${report}/messages`, { body: "Hej" }),
        );
      for (const res of attempts) {
        expect(res.statusCode, `${who} ${res.body}`).toBe(404);
        expect(res.json()).toMatchObject({ code: "report_not_found" });
      }
      const inbox = (await call(token, "GET", "/api/v1/reports?limit=500")).json<ReportsPage>();
      expect(inbox.items.map((r) => r.reference)).not.toContain(redReport);
    }
    const seen = (await call(people.member, "GET", "/api/v1/reports?limit=500")).json<ReportsPage>();
    expect(seen.items.map((r) => r.reference)).toContain(redReport);
    expect((await call(people.member, "GET", `${report}/attachments/${redAttachment}`)).statusCode).toBe(200);
  });

  it("cannot be reached through linking its report elsewhere", async () => {
    const opened = await call(people.outsider, "POST", "/api/v1/incidents", { title: "X", reports: [redReport] });
    expect(opened.statusCode).toBe(400);
    expect(opened.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.reports.0"]);
    const linked = await call(people.outsider, "POST", `/api/v1/incidents/${amber.reference}/reports`, {
      reference: redReport,
    });
    expect(linked.statusCode).toBe(404);
    expect(linked.json()).toMatchObject({ code: "report_not_found" });
    // The hidden incident does not show on the amber incident's report either, once both hold it.
    await call(people.assignee, "POST", `/api/v1/incidents/${amber.reference}/reports`, { reference: redReport });
    const outsiderView = (
      await call(people.outsider, "GET", `/api/v1/incidents/${amber.reference}`)
    ).json<IncidentDetail>();
    expect(outsiderView.reports).toEqual([]);
    // Nor does its report's time: the amber incident's "reported" is over the reports the viewer sees.
    expect(outsiderView.kpis.reportedAt).toBeNull();
    const assigneeAmber = (
      await call(people.assignee, "GET", `/api/v1/incidents/${amber.reference}`)
    ).json<IncidentDetail>();
    expect(assigneeAmber.kpis.reportedAt).not.toBeNull();
    const timeline = await call(people.outsider, "GET", `/api/v1/incidents/${amber.reference}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const assigneeView = (await call(people.assignee, "GET", `/api/v1/reports/${redReport}`)).json<ReportDetail>();
    expect(assigneeView.incidents.map((i) => i.reference).sort()).toEqual([amber.reference, red.reference].sort());
    await call(people.assignee, "DELETE", `/api/v1/incidents/${amber.reference}/reports/${redReport}`);
  });

  it("stops showing to a member once removed", async () => {
    const base = `/api/v1/incidents/${red.reference}`;
    const removed = await call(people.assignee, "DELETE", `${base}/members/${memberId}`);
    expect(removed.statusCode).toBe(200);
    expect((await call(people.member, "GET", base)).statusCode).toBe(404);
    await call(people.assignee, "POST", `${base}/members`, { userId: memberId });
    expect((await call(people.member, "GET", base)).statusCode).toBe(200);
  });
});

describe("observers and publishers", () => {
  it("lets observers read incidents that are not TLP:RED but change nothing (403)", async () => {
    const base = `/api/v1/incidents/${amber.reference}`;
    const token = people.observer;
    expect((await call(token, "GET", base)).json<IncidentDetail>()).toMatchObject({ canEdit: false });
    expect((await call(token, "GET", `${base}/timeline`)).statusCode).toBe(200);
    expect((await call(token, "GET", `${base}/attachments`)).statusCode).toBe(200);
    const writes = [
      await call(token, "PATCH", base, { version: 1, title: "Nej" }),
      await call(token, "POST", `${base}/notes`, { body: "hej" }),
      await call(token, "POST", `${base}/reports`, { reference: (await fileReport()).reference }),
      await call(token, "POST", `${base}/members`, { userId: memberId }),
      await upload(token, `${base}/attachments`),
    ];
    for (const res of writes) expect(res.json(), res.body).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("gives a publisher without other roles nothing (403)", async () => {
    const base = `/api/v1/incidents/${amber.reference}`;
    for (const res of [
      await call(people.publisher, "GET", base),
      await call(people.publisher, "GET", `${base}/timeline`),
      await call(people.publisher, "PATCH", base, { version: 1, title: "Nej" }),
    ])
      expect(res.statusCode).toBe(403);
  });
});
