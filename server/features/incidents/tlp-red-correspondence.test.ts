import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageReceipt, ThreadsView } from "../../../contract/correspondence.js";
import type { IncidentDetail, TimelinePage } from "../../../contract/incidents.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { ingestMail, type MailIntakeDeps } from "../intake/mail/ingest.js";
import { emptyKeyring } from "../intake/mail/pgp-keyring.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { takeIncidentReply } from "./correspondence/take-reply.js";
import { replyMail } from "./correspondence/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

// A report linked to an incident the analyst sees AND to a TLP:RED incident they do not: through the
// visible incident's correspondence and timeline they must neither reach that report nor learn it exists.
// And whoever opens a TLP:RED incident, or links a report into one, stays one of its readers.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT-SE <cert@cert.example>" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, fileReport, openIncident } = coreClient(app);

let outsider = "";
let owner = "";
let ownerId = "";
let amber: IncidentDetail;
let red: IncidentDetail;
let hidden = "";
let hiddenEmail = "";

function mailDeps(): MailIntakeDeps {
  const { db, clock, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring, incidentReplies: takeIncidentReply };
}
const send = (token: string, reference: string, body: object) =>
  call(token, "POST", `/api/v1/incidents/${reference}/messages`, { subject: "Fråga", body: "Hej", ...body });
const timeline = async (token: string, reference: string) => {
  const res = await call(token, "GET", `/api/v1/incidents/${reference}/timeline?limit=200`);
  expect(res.statusCode).toBe(200);
  return res.json<TimelinePage>();
};

beforeAll(async () => {
  outsider = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  ({ token: owner, userId: ownerId } = await createTokenFor(app(), { roles: ["analyst"] }));
  hiddenEmail = `hemlig.${Date.now().toString(36)}@myndighet.example`;
  hidden = (
    await fileReport({
      reporter: { email: hiddenEmail, name: "Hemlig Rapportör" },
      sharingConsent: { information: "none" },
    })
  ).reference;
  // The outsider links the report to their own incident while it is still visible to them…
  amber = await openIncident(outsider, { title: "Nätfiske mot kommuner", reports: [hidden] });
  // …then the owner takes it into a TLP:RED incident the outsider is no reader of.
  red = await openIncident(owner, {
    title: "Statligt intrång",
    reports: [hidden],
    tlp: "TLP:RED",
    assigneeId: ownerId,
  });
  expect((await call(outsider, "GET", `/api/v1/reports/${hidden}`)).statusCode).toBe(404);
  // The hidden report's reporter answers the amber incident's reference: the system files it on the report.
  const filed = await ingestMail(
    mailDeps(),
    replyMail({ from: hiddenEmail, subject: `Re: [${amber.reference}] Nätfiske`, body: "Vi har mer loggar." }),
    "import",
  );
  expect(filed).toMatchObject({ outcome: "incident", threadKind: "reporter", threadId: hidden });
});

describe("writing from an incident, about a report a TLP:RED incident hides", () => {
  it("cannot post into the hidden report's conversation: it answers like a report never linked", async () => {
    const res = await send(outsider, amber.reference, { to: [], report: hidden });
    const missing = await send(outsider, amber.reference, { to: [], report: "FYR-2026-99999" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "report_not_linked" });
    expect(res.json<{ errors: unknown }>().errors).toEqual(missing.json<{ errors: unknown }>().errors);
  });

  it("treats its reporter's address as anyone's: a third-party thread, nothing on the report", async () => {
    const res = await send(outsider, amber.reference, { to: [hiddenEmail], body: "Ett brev från utsidan" });
    expect(res.statusCode).toBe(201);
    const receipt = res.json<MessageReceipt>();
    expect(receipt.thread.kind).toBe("third-party");
    expect(res.body).not.toContain(hidden);
    // The reporter's conversation, as its readers see it, holds nothing the outsider wrote.
    const threads = (await call(owner, "GET", `/api/v1/incidents/${red.reference}/messages`)).json<ThreadsView>();
    const conversation = threads.threads.find((t) => t.id === hidden);
    expect(conversation?.messages.map((m) => m.body)).not.toContain("Ett brev från utsidan");
  });

  it("does not refuse mixing its reporter with others (which would name them)", async () => {
    const res = await send(outsider, amber.reference, { to: [hiddenEmail, "abuse@isp.example"] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(hiddenEmail);
  });

  it("warns of the hidden report's refusal to share without naming it", async () => {
    const res = await send(outsider, amber.reference, { to: ["partner@cert.example"] });
    expect(res.statusCode).toBe(201);
    expect(res.json<MessageReceipt>().consentWarning).toEqual({ code: "sharing_information_none", reports: [] });
    const ownerSide = await send(owner, amber.reference, { to: ["partner@cert.example"] });
    expect(ownerSide.json<MessageReceipt>().consentWarning).toEqual({
      code: "sharing_information_none",
      reports: [hidden],
    });
  });

  it("leaves no trace on the timeline: neither the link, nor the reporter's reply, nor its sender", async () => {
    const seen = await timeline(outsider, amber.reference);
    expect(JSON.stringify(seen.items)).not.toContain(hidden);
    expect(seen.items.map((e) => e.kind)).not.toContain("message_in");
    // (The outsider may have written to that address themselves: that is theirs, not the report's.)
    for (const event of seen.items.filter((e) => e.author === null))
      expect(JSON.stringify(event)).not.toContain(hiddenEmail);
    // Its readers see all of it (the data is there).
    const full = await timeline(owner, amber.reference);
    const kinds = full.items.filter((e) => JSON.stringify(e.data).includes(hidden)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["report_linked", "message_in"]));
  });
});

describe("a TLP:RED incident stays with whoever made it", () => {
  it("makes its creator a member when it is opened unassigned, and says so on the timeline", async () => {
    const { token, userId } = await createTokenFor(app(), { roles: ["analyst"] });
    const opened = await openIncident(token, { title: "Hemligt utan ansvarig", tlp: "TLP:RED", assigneeId: null });
    expect(opened.members.map((m) => m.id)).toEqual([userId]);
    const again = await call(token, "GET", `/api/v1/incidents/${opened.reference}`);
    expect(again.statusCode).toBe(200);
    const member = (await timeline(token, opened.reference)).items.find((e) => e.kind === "member");
    expect(member?.data).toMatchObject({ action: "added", userId, reason: "created" });
    expect((await call(outsider, "GET", `/api/v1/incidents/${opened.reference}`)).statusCode).toBe(404);
  });

  it("keeps its creator when it is opened for someone else; other labels add nobody", async () => {
    const creator = await createTokenFor(app(), { roles: ["duty"] });
    const opened = await openIncident(creator.token, { title: "Till ägaren", tlp: "TLP:RED", assigneeId: ownerId });
    expect(opened.members.map((m) => m.id)).toEqual([creator.userId]);
    const handedOver = await call(creator.token, "GET", `/api/v1/incidents/${opened.reference}`);
    expect(handedOver.statusCode).toBe(200);
    const amberOne = await openIncident(creator.token, { title: "Vanligt", tlp: "TLP:AMBER", assigneeId: null });
    expect(amberOne.members).toEqual([]);
  });

  it("keeps whoever links a report into it once they are no longer its assignee", async () => {
    const linker = await createTokenFor(app(), { roles: ["analyst"] });
    const admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
    const opened = await openIncident(admin, { title: "Länkat", tlp: "TLP:RED", assigneeId: linker.userId });
    expect(opened.members).toHaveLength(1);
    const report = (await fileReport()).reference;
    const linked = await call(linker.token, "POST", `/api/v1/incidents/${opened.reference}/reports`, {
      reference: report,
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json<IncidentDetail>().members.map((m) => m.id)).toContain(linker.userId);
    const handedOver = await call(linker.token, "PATCH", `/api/v1/incidents/${opened.reference}`, {
      version: linked.json<IncidentDetail>().version,
      assigneeId: ownerId,
    });
    expect(handedOver.statusCode, handedOver.body).toBe(200);
    expect((await call(linker.token, "GET", `/api/v1/incidents/${opened.reference}`)).statusCode).toBe(200);
    expect((await call(linker.token, "GET", `/api/v1/reports/${report}`)).statusCode).toBe(200);
    // Linking again (another report) does not add them twice.
    const second = (await fileReport()).reference;
    const more = await call(linker.token, "POST", `/api/v1/incidents/${opened.reference}/reports`, {
      reference: second,
    });
    expect(
      more
        .json<IncidentDetail>()
        .members.map((m) => m.id)
        .filter((id) => id === linker.userId),
    ).toHaveLength(1);
  });
});
