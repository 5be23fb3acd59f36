import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchHit, SearchPage } from "../../../contract/search.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import {
  addIncidentMessage,
  addMember,
  addNote,
  addReporterMessage,
  insertIncident,
  linkReport,
} from "../incidents/list.test-fixtures.js";
import { indexPendingReports } from "./report-indexer.js";

const app = useTestApp();
const db = () => app().fyr.deps.db;

interface Caller {
  token: string;
  userId: string;
}
let analyst: Caller;
let other: Caller;
let member: Caller;
let admin: Caller;
let publisher: Caller;
beforeAll(async () => {
  analyst = await createTokenFor(app(), { roles: ["analyst"] });
  other = await createTokenFor(app(), { roles: ["analyst"] });
  member = await createTokenFor(app(), { roles: ["duty"] });
  admin = await createTokenFor(app(), { roles: ["admin"] });
  publisher = await createTokenFor(app(), { roles: ["publisher"] });
});

/** A made-up word only this test uses (letters only, so no parser splits it), to keep hits apart. */
const token = () => `zq${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
const get = (url: string, who: Caller = analyst) =>
  app().fyr.http.inject({ method: "GET", url, headers: { authorization: `Bearer ${who.token}` } });
async function search(q: string, extra = "", who: Caller = analyst): Promise<SearchPage> {
  const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchPage>();
}
const marked = (hit: SearchHit | undefined) => hit?.snippet.filter((s) => s.match).map((s) => s.text) ?? [];
async function submitReport(whatHappened: string): Promise<string> {
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: { whatHappened, reporter: { email: "anna@example.se" } },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ reference: string }>().reference;
}

describe("search: words in notes and reporters' messages, Swedish and English", () => {
  it("finds a note by a Swedish and by an English stem and highlights the word", async () => {
    const t = token();
    const incident = await insertIncident(db(), { title: "Intrång hos kommunen" });
    const noteId = await addNote(db(), incident.id, `Angriparen krypterade filservern ${t} och raderade skuggkopior.`);
    await addNote(db(), incident.id, `The attackers encrypted every backup ${t} overnight.`);

    const sv = await search(`krypterad ${t}`);
    expect(sv.items).toHaveLength(1);
    expect(sv.items[0]).toMatchObject({
      kind: "note",
      id: noteId,
      reference: incident.reference,
      incidentReference: incident.reference,
      title: "Intrång hos kommunen",
    });
    expect(marked(sv.items[0])).toContain("krypterade");
    expect(sv.items[0]?.snippet.map((s) => s.text).join("")).toContain("Angriparen krypterade filservern");

    const en = await search(`encrypting ${t}`);
    expect(en.items.map((h) => h.kind)).toEqual(["note"]);
    expect(marked(en.items[0])).toContain("encrypted");
  });

  it("finds a reporter's message by a Swedish and an English stem", async () => {
    const t = token();
    const report = await submitReport(`Okänd inloggning ${randomBytes(3).toString("hex")}`);
    await addReporterMessage(db(), report, `Vi har stängt av alla datorerna ${t} i natt.`);
    await addReporterMessage(db(), report, `We isolated the compromised laptops ${t} this morning.`);

    const sv = await search(`datorer ${t}`);
    expect(sv.items).toHaveLength(1);
    expect(sv.items[0]).toMatchObject({ kind: "message", reference: report });
    expect(sv.items[0]).not.toHaveProperty("incidentReference");
    expect(marked(sv.items[0])).toContain("datorerna");

    const en = await search(`laptop isolating ${t}`);
    expect(en.items).toHaveLength(1);
    expect(marked(en.items[0])).toEqual(expect.arrayContaining(["isolated", "laptops"]));
  });

  it("finds reports, incidents and incident messages too, and filters by kind and time", async () => {
    const t = token();
    const report = await submitReport(`Nätfiske mot ekonomiavdelningen ${t}`);
    const incident = await insertIncident(db(), {
      title: `Nätfiskekampanj ${t}`,
      createdAt: new Date("2026-01-10T12:00:00Z"),
    });
    await addIncidentMessage(db(), incident.id, {
      subject: `Abuse ${t}`,
      body: "Phishing site taken down",
      sentAt: new Date("2026-01-12T09:00:00Z"),
    });

    const all = await search(t);
    expect(all.items.map((h) => h.kind).toSorted()).toEqual(["incident", "message", "report"]);
    expect(all.items.find((h) => h.kind === "report")?.reference).toBe(report);

    expect((await search(t, "&kinds=incident,message")).items.map((h) => h.kind).toSorted()).toEqual([
      "incident",
      "message",
    ]);
    expect((await search(t, "&kinds=incident&from=2026-01-10&to=2026-01-10")).items).toHaveLength(1);
    expect((await search(t, "&kinds=incident&from=2026-01-11")).items).toHaveLength(0);
    expect((await search(t, "&kinds=message&to=2026-01-12T08:00:00Z")).items).toHaveLength(0);
    expect((await search(t, "&kinds=message&from=2026-01-12T08:00:00Z")).items).toHaveLength(1);
  });
});

describe("search: input, snippets and pages", () => {
  it("refuses an empty query or one of only stop words", async () => {
    // "i" is a stop word in both languages; a word stopped in only one is still searched in the other.
    for (const q of ["", "   ", "i", "!!! --"]) {
      const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "search_query_empty" });
    }
    expect((await get("/api/v1/search?q=x&kinds=everything")).statusCode).toBe(400);
    expect((await get("/api/v1/search?q=virus&cursor=nope")).json()).toMatchObject({ code: "invalid_cursor" });
    expect((await get("/api/v1/search?q=virus", publisher)).statusCode).toBe(403);
  });

  it("gives snippets as plain text segments: markup stays text, a marker in the text marks nothing", async () => {
    const t = token();
    const incident = await insertIncident(db());
    await addNote(db(), incident.id, `\u0002fake\u0003 ${t} <script>alert(1)</script> <b onclick="x()">bold</b>`);
    const hit = (await search(t)).items[0];
    expect(marked(hit)).toEqual([t]);
    const text = hit?.snippet.map((s) => s.text).join("") ?? "";
    expect(text).toContain('<script>alert(1)</script> <b onclick="x()">bold');
    expect(text.includes("\u0002") || text.includes("\u0003")).toBe(false);
  });

  it("pages through equal-ranked hits without repeats or gaps", async () => {
    const t = token();
    const incident = await insertIncident(db());
    const at = new Date("2026-02-01T10:00:00Z");
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push(await addNote(db(), incident.id, `Samma text ${t}`, i < 4 ? at : new Date(at.getTime() + i)));
    const whole = (await search(t, "&limit=500")).items.map((h) => h.id);
    expect(whole.toSorted()).toEqual(made.toSorted());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchPage = await search(t, `&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
  });
});

describe("search: TLP:RED", () => {
  it("hides a TLP:RED incident, its notes, messages and linked reports from a non-member, not from the others", async () => {
    const t = token();
    const red = await insertIncident(db(), { tlp: "TLP:RED", assigneeId: analyst.userId, title: `Hemlig ${t}` });
    await addMember(db(), red.id, member.userId);
    await addNote(db(), red.id, `Anteckning ${t}`);
    await addIncidentMessage(db(), red.id, { subject: "Svar", body: `Meddelande ${t}` });
    const report = await submitReport(`Rapport ${t}`);
    await addReporterMessage(db(), report, `Svar från rapportören ${t}`);
    await linkReport(db(), red.id, report);

    expect((await search(t, "", other)).items).toEqual([]);
    for (const who of [analyst, member, admin]) {
      const kinds = (await search(t, "", who)).items.map((h) => h.kind).toSorted();
      expect(kinds).toEqual(["incident", "message", "message", "note", "report"]);
    }
  });
});

describe("search: reports the indexer has not reached yet", () => {
  it("finds a report by a stemmed word the moment it is taken in, and again once its vector is stored", async () => {
    const t = token();
    const reference = await submitReport(`Angriparna krypterade servrarna ${t} under natten.`);
    const vector = async () =>
      (
        await sql<{
          search: string | null;
        }>`select search::text as search from reports where reference = ${reference}`.execute(db())
      ).rows[0]?.search ?? null;
    // Intake leaves the vector to the indexer: the reporter does not wait for two stemmers.
    expect(await vector()).toBeNull();
    const refs = async (q: string) => (await search(q, "&kinds=report")).items.map((h) => h.reference);
    expect(await refs(`krypterad ${t}`)).toEqual([reference]);

    expect(await indexPendingReports(db())).toBeGreaterThanOrEqual(1);
    expect(await vector()).toContain("krypter");
    expect(await refs(`krypterad ${t}`)).toEqual([reference]);
  });
});
