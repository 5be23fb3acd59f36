import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseStaff, IncidentDetail, TimelinePage } from "../../../contract/incidents.js";
import type { ReportDetail } from "../../../contract/intake-staff.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

const dataDir = tempDataDir();
const T0 = new Date("2026-11-20T08:00:00Z");
const clock = fixedClock(T0);
const app = useTestApp({ FYR_DATA_DIR: dataDir }, clock);
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, fileReport, openIncident } = coreClient(app);

let analyst = "";
let analystId = "";
let duty = "";
let observer = "";
let observerId = "";
let publisher = "";
beforeAll(async () => {
  ({ token: analyst, userId: analystId } = await createTokenFor(app(), { roles: ["analyst"] }));
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  ({ token: observer, userId: observerId } = await createTokenFor(app(), { roles: ["observer"] }));
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const report = async (reference: string) =>
  (await call(duty, "GET", `/api/v1/reports/${reference}`)).json<ReportDetail>();
const timeline = async (reference: string, token = analyst) =>
  (await call(token, "GET", `/api/v1/incidents/${reference}/timeline?limit=500`)).json<TimelinePage>();
const patch = (reference: string, body: object, token = analyst) =>
  call(token, "PATCH", `/api/v1/incidents/${reference}`, body);

describe("opening incidents", () => {
  it("opens one from two reports: both linked, the strictest TLP and consent, KPIs from the reports", async () => {
    clock.set(T0);
    const first = await fileReport({
      tlp: "TLP:GREEN",
      policeReport: { status: "yes", reference: "K-123-26" },
      sharingConsent: { information: "third-parties", data: "affected-organisations", logs: "none" },
    });
    clock.set(new Date(T0.getTime() + 5 * MIN));
    const second = await fileReport({
      tlp: "TLP:AMBER+STRICT",
      sharingConsent: { information: "affected-organisations", data: "third-parties", logs: "third-parties" },
      nis2: { applies: true, stage: "early-warning", awareAt: at(-HOUR) },
    });
    clock.set(new Date(T0.getTime() + 10 * MIN));
    expect((await call(duty, "POST", `/api/v1/reports/${first.reference}/acknowledge`)).statusCode).toBe(200);
    clock.set(new Date(T0.getTime() + 20 * MIN));

    const created = await openIncident(analyst, {
      reports: [first.reference, second.reference.toLowerCase()],
      severity: "high",
      classification: { class: "malicious-code", type: "infected-system" },
    });
    expect(created.reference).toMatch(/^FYR-INC-2026-\d{4}$/);
    expect(created).toMatchObject({
      status: "new",
      severity: "high",
      version: 1,
      tlp: "TLP:AMBER+STRICT",
      pap: "PAP:AMBER",
      classification: { class: "malicious-code", type: "infected-system" },
      taxonomyVersion: 1003,
      dueAt: at(20 * MIN + 24 * HOUR),
      overdue: false,
      canEdit: true,
      nextStatuses: ["open", "stalled", "resolved", "rejected"],
      policeReports: [{ report: first.reference, status: "yes", reference: "K-123-26" }],
      sharingConsent: { information: "affected-organisations", data: "affected-organisations", logs: "none" },
      kpis: { reportedAt: at(0), acknowledgedAt: at(10 * MIN), resolvedAt: null },
      nis2: { report: second.reference },
    });
    expect(created.reports.map((r) => r.reference)).toEqual([first.reference, second.reference]);

    for (const ref of [first.reference, second.reference]) {
      const view = await report(ref);
      expect(view.status).toBe("linked");
      expect(view.incidents).toEqual([{ reference: created.reference, title: created.title, status: "new" }]);
    }
    // A report still new when linked is taken on by the linking.
    expect((await report(second.reference)).acknowledged?.at).toBe(at(20 * MIN));

    const entries = (await timeline(created.reference)).items;
    expect(entries.filter((e) => e.kind === "created")).toHaveLength(1);
    expect(
      entries
        .filter((e) => e.kind === "report_linked")
        .map((e) => e.data.report)
        .sort(),
    ).toEqual([first.reference, second.reference].sort());
  });

  it("opens one from nothing, with the default TLP and the SLA of its severity", async () => {
    clock.set(T0);
    const created = await openIncident(duty, { title: "Skanning mot kommuner", severity: "critical" });
    expect(created).toMatchObject({
      tlp: "TLP:AMBER",
      reports: [],
      dueAt: at(4 * HOUR),
      sharingConsent: { information: null, data: null, logs: null },
      kpis: { reportedAt: null, acknowledgedAt: null },
      nis2: null,
      assignee: null,
    });
    expect((await call(duty, "GET", `/api/v1/incidents/${created.reference.toLowerCase()}`)).statusCode).toBe(200);
  });

  it("lists every bad field: unknown RSIT class and type, unknown reports, an assignee who cannot work it", async () => {
    const { reference } = await fileReport();
    const res = await call(analyst, "POST", "/api/v1/incidents", {
      title: "Okänt",
      reports: [reference, "FYR-2026-99999"],
      classification: { class: "nonsense", type: "whatever" },
      assigneeId: observerId,
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(["body.assigneeId", "body.classification.class", "body.classification.type", "body.reports.1"]);
    const typeOnly = await call(analyst, "POST", "/api/v1/incidents", {
      title: "Okänt",
      classification: { class: "malicious-code", type: "ransomware" },
    });
    expect(typeOnly.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      "body.classification.type",
    ]);
    expect((await report(reference)).status).toBe("new");
  });

  it("refuses a rejected report and a TLP weaker than a report's marking", async () => {
    const rejected = await fileReport();
    await call(duty, "POST", `/api/v1/reports/${rejected.reference}/reject`, { reason: "spam" });
    const res = await call(analyst, "POST", "/api/v1/incidents", { title: "X", reports: [rejected.reference] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "report_rejected" });

    const red = await fileReport({ tlp: "TLP:RED" });
    const weak = await call(analyst, "POST", "/api/v1/incidents", {
      title: "X",
      reports: [red.reference],
      tlp: "TLP:AMBER",
    });
    expect(weak.statusCode).toBe(409);
    expect(weak.json()).toMatchObject({ code: "tlp_below_report" });
    expect((await report(red.reference)).status).toBe("new");
  });

  it("applies a playbook at once: its tasks are on the new incident", async () => {
    const playbooks = (await call(analyst, "GET", "/api/v1/playbooks")).json<{ items: { id: string }[] }>().items;
    const playbookId = playbooks[0]?.id ?? "";
    const created = await openIncident(analyst, { playbookId });
    const tasks = await call(analyst, "GET", `/api/v1/incidents/${created.reference}/tasks`);
    expect(tasks.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    expect((await timeline(created.reference)).items.map((e) => e.kind)).toContain("playbook");

    const unknown = await call(analyst, "POST", "/api/v1/incidents", {
      title: "Med okänd spelbok",
      playbookId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.playbookId"]);
  });

  it("lets observers and publishers open nothing", async () => {
    const byObserver = await call(observer, "POST", "/api/v1/incidents", { title: "X" });
    expect(byObserver.statusCode).toBe(403);
    expect((await call(publisher, "POST", "/api/v1/incidents", { title: "X" })).statusCode).toBe(403);
  });
});

describe("people to pick", () => {
  it("lists staff who read incidents to any case reader, marking who may be assigned", async () => {
    const answer = await call(observer, "GET", "/api/v1/incidents/people");
    expect(answer.statusCode).toBe(200);
    const items = answer.json<CaseStaff>().items;
    expect(items.find((p) => p.id === analystId)).toMatchObject({ worksCases: true });
    expect(items.find((p) => p.id === observerId)).toMatchObject({ worksCases: false });
    expect(items.every((p) => !p.roles.includes("publisher") || p.roles.length > 1)).toBe(true);
    expect((await call(publisher, "GET", "/api/v1/incidents/people")).statusCode).toBe(403);
  });
});

describe("editing incidents", () => {
  it("moves through the life cycle, refusing illegal moves and stale versions", async () => {
    clock.set(T0);
    const { reference } = await openIncident(analyst);
    const opened = await patch(reference, { version: 1, status: "open", assigneeId: analystId });
    expect(opened.statusCode).toBe(200);
    expect(opened.json<IncidentDetail>()).toMatchObject({ status: "open", version: 2, assignee: { id: analystId } });

    const stale = await patch(reference, { version: 1, title: "Annat" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict" });

    clock.set(new Date(T0.getTime() + HOUR));
    const rejected = await patch(reference, { version: 2, status: "rejected", resolution: "Falskt larm" });
    expect(rejected.json<IncidentDetail>()).toMatchObject({
      status: "rejected",
      version: 3,
      resolution: "Falskt larm",
    });
    const illegal = await patch(reference, { version: 3, status: "resolved" });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: "illegal_transition" });
    expect(illegal.json<{ detail: string }>().detail).toContain("from rejected to resolved");

    clock.set(new Date(T0.getTime() + 2 * HOUR));
    const reopened = (await patch(reference, { version: 3, status: "open" })).json<IncidentDetail>();
    clock.set(new Date(T0.getTime() + 3 * HOUR));
    const resolved = (await patch(reference, { version: 4, status: "resolved" })).json<IncidentDetail>();
    expect(reopened.kpis.resolvedAt).toBeNull();
    expect(resolved.kpis.resolvedAt).toBe(at(3 * HOUR));

    const entries = (await timeline(reference)).items;
    expect(entries.filter((e) => e.kind === "status").map((e) => e.data)).toEqual([
      { from: "new", to: "open" },
      { from: "open", to: "rejected" },
      { from: "rejected", to: "open" },
      { from: "open", to: "resolved" },
    ]);
    expect(entries.find((e) => e.kind === "assignment")?.data).toMatchObject({ from: null, to: analystId });
    expect(entries.find((e) => e.kind === "field")?.data).toEqual({
      field: "resolution",
      from: null,
      to: "Falskt larm",
    });
  });

  it("edits fields, checks RSIT and the assignee, and keeps the TLP at least the reports'", async () => {
    const amber = await fileReport({ tlp: "TLP:AMBER" });
    const { reference } = await openIncident(analyst, { reports: [amber.reference] });
    const bad = await patch(reference, {
      version: 1,
      classification: { class: "fraud", type: "nope" },
      assigneeId: observerId,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      "body.classification.type",
      "body.assigneeId",
    ]);
    const weaker = await patch(reference, { version: 1, tlp: "TLP:GREEN" });
    expect(weaker.statusCode).toBe(409);
    expect(weaker.json()).toMatchObject({ code: "tlp_below_report" });
    const edited = await patch(reference, {
      version: 1,
      tlp: "TLP:RED",
      pap: "PAP:RED",
      sectors: ["energy"],
      affectedOrganisations: ["Exempel AB"],
      classification: { class: "fraud", type: "phishing" },
      containedAt: at(2 * HOUR),
    });
    expect(edited.json<IncidentDetail>()).toMatchObject({
      version: 2,
      tlp: "TLP:RED",
      pap: "PAP:RED",
      sectors: ["energy"],
      affectedOrganisations: ["Exempel AB"],
      classification: { class: "fraud", type: "phishing" },
      kpis: { containedAt: at(2 * HOUR) },
    });
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_id", "=", reference)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["incident.created", "incident.updated"]);
    expect(audit[1]?.diff).toMatchObject({ tlp: { from: "TLP:AMBER", to: "TLP:RED" }, version: { from: 1, to: 2 } });
  });

  it("pauses the SLA while stalled and moves the due date on by the paused time", async () => {
    clock.set(T0);
    const { reference } = await openIncident(analyst, { severity: "critical" });
    clock.set(new Date(T0.getTime() + HOUR));
    await patch(reference, { version: 1, status: "stalled" });
    clock.set(new Date(T0.getTime() + 6 * HOUR));
    const paused = (await call(analyst, "GET", `/api/v1/incidents/${reference}`)).json<IncidentDetail>();
    expect(paused).toMatchObject({ dueAt: at(4 * HOUR), pausedAt: at(HOUR), overdue: false });
    const resumed = (await patch(reference, { version: 2, status: "open" })).json<IncidentDetail>();
    expect(resumed).toMatchObject({ dueAt: at(9 * HOUR), pausedAt: null, overdue: false });
    clock.set(new Date(T0.getTime() + 10 * HOUR));
    expect((await call(analyst, "GET", `/api/v1/incidents/${reference}`)).json<IncidentDetail>().overdue).toBe(true);
    const lowered = (await patch(reference, { version: 3, severity: "high" })).json<IncidentDetail>();
    expect(lowered).toMatchObject({ dueAt: at(29 * HOUR), overdue: false });
  });
});

describe("linking reports", () => {
  it("links once, unlinks back to acknowledged, and refuses what cannot be linked", async () => {
    clock.set(T0);
    const { reference } = await openIncident(analyst);
    const r = await fileReport();
    const link = (ref: string) => call(analyst, "POST", `/api/v1/incidents/${reference}/reports`, { reference: ref });
    const linked = await link(r.reference);
    expect(linked.statusCode).toBe(200);
    expect(linked.json<IncidentDetail>().reports.map((x) => x.reference)).toEqual([r.reference]);
    const twice = await link(r.reference);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: "report_already_linked" });
    expect((await link("FYR-2026-99999")).json()).toMatchObject({ status: 404, code: "report_not_found" });

    clock.set(new Date(T0.getTime() + MIN));
    const other = await openIncident(analyst, { reports: [r.reference] });
    const unlink = (inc: string) => call(analyst, "DELETE", `/api/v1/incidents/${inc}/reports/${r.reference}`);
    expect((await unlink(reference)).json<IncidentDetail>().reports).toEqual([]);
    expect((await report(r.reference)).status).toBe("linked"); // still on the other incident
    expect((await unlink(reference)).json()).toMatchObject({ status: 409, code: "report_not_linked" });
    const last = (await unlink(other.reference)).json<IncidentDetail>();
    expect(last.kpis.reportedAt).toBeNull();
    expect((await report(r.reference)).status).toBe("acknowledged");

    const kinds = (await timeline(reference)).items.map((e) => e.kind);
    expect(kinds.filter((k) => k === "report_linked" || k === "report_unlinked")).toEqual([
      "report_linked",
      "report_unlinked",
    ]);
  });
});

describe("timeline", () => {
  it("shows notes by when they happened, the reporters' conversation, and pages oldest first", async () => {
    clock.set(T0);
    const r = await fileReport();
    const { reference } = await openIncident(analyst, { reports: [r.reference] });
    clock.set(new Date(T0.getTime() + HOUR));
    const note = await call(analyst, "POST", `/api/v1/incidents/${reference}/notes`, {
      body: "Brandväggsloggar visar trafik till C2 sedan i går",
      occurredAt: at(-24 * HOUR),
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: "note", occurredAt: at(-24 * HOUR), recordedAt: at(HOUR) });
    clock.set(new Date(T0.getTime() + 2 * HOUR));
    await call(duty, "POST", `/api/v1/reports/${r.reference}/messages`, { body: "Kan ni skicka loggarna?" });
    clock.set(new Date(T0.getTime() + 3 * HOUR));
    const reply = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      headers: { authorization: `Bearer ${r.followUpToken}` },
      payload: { body: "Här kommer de." },
    });
    expect(reply.statusCode).toBe(201);

    const all = (await timeline(reference)).items;
    expect(all.map((e) => e.kind)).toEqual([
      "note",
      ...(all[1]?.kind === "created" ? ["created", "report_linked"] : ["report_linked", "created"]),
      "cert_message",
      "reporter_message",
    ]);
    expect(all.at(-1)).toMatchObject({ body: "Här kommer de.", data: { report: r.reference } });
    expect(all[0]?.author).toBe("Test Staff");

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: TimelinePage = (
        await call(observer, "GET", `/api/v1/incidents/${reference}/timeline?limit=2${query}`)
      ).json<TimelinePage>();
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((e) => e.id));
  });
});

describe("members", () => {
  it("adds and removes members, refusing doubles and strangers", async () => {
    const { reference } = await openIncident(analyst);
    const url = `/api/v1/incidents/${reference}/members`;
    const added = await call(analyst, "POST", url, { userId: observerId });
    expect(added.json<IncidentDetail>().members.map((m) => m.id)).toEqual([observerId]);
    expect((await call(analyst, "POST", url, { userId: observerId })).json()).toMatchObject({
      code: "member_already_added",
    });
    const stranger = await call(analyst, "POST", url, { userId: "00000000-0000-4000-8000-000000000000" });
    expect(stranger.statusCode).toBe(400);
    expect((await call(analyst, "DELETE", `${url}/${observerId}`)).json<IncidentDetail>().members).toEqual([]);
    expect((await call(analyst, "DELETE", `${url}/${observerId}`)).json()).toMatchObject({ code: "not_a_member" });
  });
});
