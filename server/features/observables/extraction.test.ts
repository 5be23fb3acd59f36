import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { minimalReport, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { queueExtraction } from "./extraction-job.js";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";

// Every place text arrives is read for values: the report, its attachments (text files by content, any
// file by its SHA-256), the reporter's follow-up messages, notes and messages on an incident.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, values, openIncident } = observablesClient(app);

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("extraction", () => {
  it("reads the report, a text attachment by content and any attachment by hash, and follow-up messages", async () => {
    const [inText, inLog, inFollowUp] = [uniqueDomain("text"), uniqueIp(), uniqueDomain("later")];
    const log = Buffer.from(`2026-11-20T03:12:44Z sshd[811]: Failed password for root from ${inLog} port 5122\n`);
    const binary = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
    const body = multipart({ report: JSON.stringify(minimalReport({ whatHappened: `Se ${inText}` })) }, [
      { filename: "auth.log", content: log, contentType: "text/plain" },
      { filename: "sample.exe", content: binary },
    ]);
    const filed = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    const { reference, followUpToken } = filed.json<{ reference: string; followUpToken: string }>();
    await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      headers: { authorization: `Bearer ${followUpToken}` },
      payload: { body: `Vi hittade även ${inFollowUp}` },
    });
    await app().fyr.runDueJobs();

    const list = (await values(analyst, "reports", reference)).items;
    const find = (v: string) => list.find((i) => i.value === v);
    expect(find(inText)?.origins).toEqual(["report"]);
    expect(find(inLog)?.origins).toEqual(["report-attachment"]);
    expect(find(sha256(log))?.type).toBe("sha256");
    expect(find(sha256(binary))?.origins).toEqual(["report-attachment"]);
    expect(find(inFollowUp)?.origins).toEqual(["report-message"]);
  });

  it("stores the newer types a report names (SHA-512, a Bitcoin address, a MAC address, a file name)", async () => {
    const sha512 = createHash("sha512").update(uniqueDomain("h")).digest("hex");
    const text = [
      `Dropper SHA-512: ${sha512}`,
      "Lösensumma till bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
      "Nätverkskortets MAC 00:1A:2B:3C:4D:5E",
      "Bilagan hette faktura_2026.pdf.exe",
    ].join("\n");
    const filed = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport({ whatHappened: text }),
    });
    expect(filed.statusCode, filed.body).toBe(201);
    await app().fyr.runDueJobs();
    const list = (await values(analyst, "reports", filed.json<{ reference: string }>().reference)).items;
    const types = new Map(list.map((i) => [i.value, i.type]));
    expect(types.get(sha512)).toBe("sha512");
    expect(types.get("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")).toBe("btc");
    expect([...types.values()]).toContain("mac");
    expect(types.get("faktura_2026.pdf.exe")).toBe("filename");
  });

  it("pages a value's sightings one at a time when one report holds it twice, seen at the same moment", async () => {
    const domain = uniqueDomain("twice");
    const body = multipart({ report: JSON.stringify(minimalReport({ whatHappened: `Se ${domain}` })) }, [
      { filename: "notes.txt", content: Buffer.from(`också ${domain}\n`), contentType: "text/plain" },
    ]);
    const filed = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    const { reference } = filed.json<{ reference: string }>();
    await app().fyr.runDueJobs();
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 4; page++) {
      const res = await call(analyst, "GET", `/api/v1/observables?value=${domain}&limit=1${cursor}`);
      const detail = res.json<ObservableDetail>();
      seen.push(...detail.sightings.items.map((i) => `${i.reference} ${i.origin}`));
      if (detail.sightings.nextCursor === null) break;
      cursor = `&cursor=${detail.sightings.nextCursor}`;
    }
    expect(seen.sort()).toEqual([`${reference} report`, `${reference} report-attachment`]);
  });

  it("reads notes (dated when they say it happened) and messages on an incident", async () => {
    const incident = await openIncident(analyst, { title: "Analys" });
    const [inNote, inMessage] = [uniqueDomain("note"), uniqueDomain("mail")];
    await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/notes`, {
      body: `C2 hittad: ${inNote.replace(".", "[.]")}`,
      occurredAt: "2026-10-01T08:00:00Z",
    });
    const sent = await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/messages`, {
      to: ["soc@partner.se"],
      subject: "Blockera",
      body: `Blockera ${inMessage}`,
    });
    expect(sent.statusCode).toBe(201);
    await app().fyr.runDueJobs();
    const list = (await values(analyst, "incidents", incident.reference)).items;
    expect(list.find((i) => i.value === inNote)).toMatchObject({
      origins: ["note"],
      firstSeen: "2026-10-01T08:00:00.000Z",
    });
    expect(list.find((i) => i.value === inMessage)?.origins).toEqual(["incident-message"]);
  });

  it("running an extraction again writes nothing twice", async () => {
    const domain = uniqueDomain();
    const filed = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport({ whatHappened: `${domain} och igen ${domain}` }),
    });
    const { reference } = filed.json<{ reference: string }>();
    await app().fyr.runDueJobs();
    const db = app().fyr.deps.db;
    const report = await db
      .selectFrom("reports")
      .select("id")
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();
    // As after a crash between writing and marking the job done: the same job runs once more.
    await queueExtraction(db, "report", report.id);
    await app().fyr.runDueJobs();
    const sightings = await db.selectFrom("sightings").selectAll().where("case_id", "=", report.id).execute();
    expect(sightings.length).toBe((await values(analyst, "reports", reference)).items.length);
    expect((await values(analyst, "reports", reference)).items.filter((i) => i.value === domain)).toHaveLength(1);
  });
});
