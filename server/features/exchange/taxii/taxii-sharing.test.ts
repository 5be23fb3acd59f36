import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { tempDataDir } from "../../intake/test-fixtures.js";
import { observablesClient, uniqueIp } from "../../observables/observables.test-fixtures.js";
import { adminSession, admit, makeForum } from "../../forums/test-fixtures.js";
import { insertNamedRecipient } from "../../sharing/sharing-store.js";
import {
  type Envelope,
  type Party,
  ROOT,
  grant,
  makeCollection,
  party,
  publish,
  taxii,
} from "./taxii.test-fixtures.js";

// The attempts to get past the sharing decision through TAXII: a partner reading a collection it is not
// granted, a TLP:RED or AMBER incident in a GREEN partner's collection, values without consent, an
// incident raised to RED after it was published, and pages whose `more`, `next`, headers or sizes would
// tell that something was withheld.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident } = observablesClient(app);

const CONSENT_ALL = { information: "third-parties", data: "third-parties", logs: "third-parties" } as const;
const NO_DATA = { information: "third-parties", data: "none", logs: "none" } as const;

let admin = "";
let analyst = "";
let granted: Party;
let stranger: Party;

beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  granted = await party(app(), call, admin, "TLP:GREEN");
  stranger = await party(app(), call, admin, "TLP:GREEN");
});

/** Every object a caller reads of a collection, page by page (`limit` per page), and the pages. */
async function readAll(who: Party, collection: string, limit: number, query = "") {
  const pages: { body: Envelope; first?: string; last?: string }[] = [];
  let next: string | undefined;
  for (let i = 0; i < 200; i++) {
    const q = new URLSearchParams(query);
    q.set("limit", String(limit));
    if (next) q.set("next", next);
    const res = await taxii(app(), who, "GET", `${ROOT}/collections/${collection}/objects/?${q}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Envelope>();
    pages.push({
      body,
      first: res.headers["x-taxii-date-added-first"] as string | undefined,
      last: res.headers["x-taxii-date-added-last"] as string | undefined,
    });
    if (!body.more) break;
    next = body.next;
  }
  return { pages, objects: pages.flatMap((p) => p.body.objects ?? []) };
}

const incidentIn = async (tlp: "TLP:GREEN" | "TLP:AMBER" | "TLP:RED", text: string, consent = CONSENT_ALL) => {
  const report = await reportSaying(text, { tlp, sharingConsent: consent });
  return openIncident(analyst, { reports: [report], tlp });
};

describe("TAXII collections and the sharing decision", () => {
  it("hides a collection from a partner it is not granted to: 404 as an unknown id, and not listed", async () => {
    const collection = await makeCollection(call, admin, { title: "Bara för en" });
    await grant(call, admin, collection, granted.organisationId, true, false);
    const listed = await taxii(app(), stranger, "GET", `${ROOT}/collections/`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(collection);
    for (const path of ["", "objects/", "manifest/", "objects/indicator--00000000-0000-4000-8000-000000000000/"]) {
      const res = await taxii(app(), stranger, "GET", `${ROOT}/collections/${collection}/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers["content-type"]).toBe("application/taxii+json;version=2.1");
      expect(res.json<{ title: string; http_status: string }>().http_status).toBe("404");
    }
    const posted = await taxii(app(), stranger, "POST", `${ROOT}/collections/${collection}/objects/`, {
      body: { objects: [] },
    });
    expect(posted.statusCode).toBe(404);
    expect((await taxii(app(), granted, "GET", `${ROOT}/collections/${collection}/`)).statusCode).toBe(200);
  });

  it("serves a GREEN partner the GREEN incident's consented values only: never RED, AMBER or unconsented material", async () => {
    const collection = await makeCollection(call, admin, { title: "Gröna partner", maxTlp: "TLP:AMBER" });
    await grant(call, admin, collection, granted.organisationId, true, false);
    const [shared, unconsented, amber, red] = [uniqueIp(), uniqueIp(), uniqueIp(), uniqueIp()];
    const yes = await reportSaying(`Skanning från ${shared}`, { tlp: "TLP:GREEN", sharingConsent: CONSENT_ALL });
    const no = await reportSaying(`Intrång från ${unconsented}`, { tlp: "TLP:GREEN", sharingConsent: NO_DATA });
    const green = await openIncident(analyst, { reports: [yes, no], tlp: "TLP:GREEN" });
    const amberIncident = await incidentIn("TLP:AMBER", `Behovsbaserat ${amber}`);
    const redIncident = await incidentIn("TLP:RED", `Hemligt ${red}`);
    for (const i of [green, amberIncident, redIncident]) await publish(call, analyst, collection, i.reference);

    const all = await readAll(granted, collection, 1000);
    const text = JSON.stringify(all.objects);
    expect(text).toContain(shared);
    for (const secret of [unconsented, amber, red, amberIncident.reference, redIncident.reference])
      expect(text).not.toContain(secret);
    expect(text).not.toContain("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"); // TLP 2.0 RED
    expect(text).not.toContain("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"); // TLP 1.0 RED
    expect(all.objects.filter((o) => o.type === "incident")).toHaveLength(1);

    // The manifest, one object, its versions: the same cut.
    const manifest = await taxii(app(), granted, "GET", `${ROOT}/collections/${collection}/manifest/?limit=1000`);
    expect(manifest.body).not.toMatch(new RegExp(`${amberIncident.reference}|${redIncident.reference}`));
    expect(manifest.json<{ objects: unknown[] }>().objects).toHaveLength(all.objects.length);
    const stored = await app()
      .fyr.deps.db.selectFrom("taxii_objects")
      .select(["object_id", "type"])
      .where("collection_id", "=", collection)
      .where("type", "=", "incident")
      .execute();
    const served = new Set(all.objects.map((o) => o.id));
    const withheld = stored.filter((r) => !served.has(r.object_id));
    expect(withheld).toHaveLength(2);
    for (const w of withheld) {
      for (const path of [`objects/${w.object_id}/`, `objects/${w.object_id}/versions/`]) {
        const res = await taxii(app(), granted, "GET", `${ROOT}/collections/${collection}/${path}`);
        expect(res.statusCode, path).toBe(404);
      }
      const byId = await taxii(
        app(),
        granted,
        "GET",
        `${ROOT}/collections/${collection}/objects/?match[id]=${w.object_id}`,
      );
      expect(byId.json<Envelope>().objects ?? []).toEqual([]);
    }
  });

  it("never lets `more`, `next`, the headers or a page's size tell that objects were withheld", async () => {
    const collection = await makeCollection(call, admin, { title: "Sidor" });
    await grant(call, admin, collection, granted.organisationId, true, false);
    // Shareable first, then a RED incident last: whatever follows the last shared object is withheld.
    const green = await incidentIn("TLP:GREEN", `Sidvis ${uniqueIp()} och ${uniqueIp()} och ${uniqueIp()}`);
    await publish(call, analyst, collection, green.reference);
    const red = await incidentIn("TLP:RED", `Hemligt ${uniqueIp()} och ${uniqueIp()}`);
    await publish(call, analyst, collection, red.reference);

    const whole = await readAll(granted, collection, 1000);
    expect(whole.pages).toHaveLength(1);
    expect(whole.pages[0]?.body.more).toBe(false);
    const visible = whole.objects.length;
    expect(visible).toBeGreaterThan(3);

    const paged = await readAll(granted, collection, 2);
    expect(paged.objects.map((o) => o.id)).toEqual(whole.objects.map((o) => o.id));
    expect(paged.pages).toHaveLength(Math.ceil(visible / 2));
    for (const [i, p] of paged.pages.entries()) {
      const last = i === paged.pages.length - 1;
      expect(p.body.objects?.length, `page ${i}`).toBe(last ? visible - 2 * i : 2);
      expect(p.body.more, `page ${i}`).toBe(!last);
      expect(p.body.next === undefined, `page ${i}`).toBe(last);
      expect(p.first && p.last, `page ${i}`).toBeTruthy();
    }
    // The last page's last date added is the last shared object's, not the RED incident's.
    const greenAdded = await app()
      .fyr.deps.db.selectFrom("taxii_objects")
      .select("date_added")
      .where("collection_id", "=", collection)
      .where("incident_id", "is not", null)
      .orderBy("date_added")
      .executeTakeFirstOrThrow();
    expect(paged.pages.at(-1)?.last).toBe(greenAdded.date_added.toISOString());
    // Nothing after the last shared object: an empty envelope, no headers.
    const after = await taxii(
      app(),
      granted,
      "GET",
      `${ROOT}/collections/${collection}/objects/?added_after=${greenAdded.date_added.toISOString()}`,
    );
    expect(after.json<Envelope>()).toEqual({ more: false });
    expect(after.headers["x-taxii-date-added-first"]).toBeUndefined();
  });

  it("stops a page at a long run of withheld objects with an opaque `next` that names none of them", async () => {
    const collection = await makeCollection(call, admin, { title: "Långt rött" });
    await grant(call, admin, collection, granted.organisationId, true, false);
    // More than ten batches of two (limit 1) withheld before the first shared object.
    for (let i = 0; i < 5; i++) {
      const red = await incidentIn("TLP:RED", `Hemligt ${uniqueIp()} ${uniqueIp()} ${uniqueIp()} ${uniqueIp()}`);
      await publish(call, analyst, collection, red.reference);
    }
    const shared = uniqueIp();
    await publish(call, analyst, collection, (await incidentIn("TLP:GREEN", `Delas ${shared}`)).reference);
    const withheld = await app()
      .fyr.deps.db.selectFrom("taxii_objects")
      .select("object_id")
      .where("collection_id", "=", collection)
      .execute();
    const paged = await readAll(granted, collection, 1);
    expect(JSON.stringify(paged.objects)).toContain(shared);
    expect(paged.pages[0]?.body).toMatchObject({ more: true });
    expect(paged.pages[0]?.body.objects ?? []).toEqual([]);
    const token = paged.pages[0]?.body.next ?? "";
    const decoded = Buffer.from(token, "base64url").toString("latin1");
    for (const w of withheld) expect(decoded).not.toContain(w.object_id);
    expect(paged.pages.at(-1)?.body.more).toBe(false);
    // A token of another collection's is refused.
    const other = await makeCollection(call, admin, { title: "Annan" });
    await grant(call, admin, other, granted.organisationId, true, false);
    const foreign = await taxii(app(), granted, "GET", `${ROOT}/collections/${other}/objects/?next=${token}`);
    expect(foreign.statusCode).toBe(400);
  });

  it("takes a published incident out at once when it is raised to TLP:RED, and serves RED to a named partner only", async () => {
    const collection = await makeCollection(call, admin, { title: "Ändras" });
    await grant(call, admin, collection, granted.organisationId, true, false);
    await grant(call, admin, collection, stranger.organisationId, true, false);
    const ip = uniqueIp();
    const incident = await incidentIn("TLP:GREEN", `Snart rött ${ip}`);
    await publish(call, analyst, collection, incident.reference);
    expect(JSON.stringify((await readAll(granted, collection, 100)).objects)).toContain(ip);

    const raised = await call(analyst, "PATCH", `/api/v1/incidents/${incident.reference}`, {
      version: incident.version,
      tlp: "TLP:RED",
    });
    expect(raised.statusCode).toBe(200);
    expect(JSON.stringify((await readAll(granted, collection, 100)).objects)).not.toContain(ip);

    const db = app().fyr.deps.db;
    const row = await db
      .selectFrom("incidents")
      .select("id")
      .where("reference", "=", incident.reference)
      .executeTakeFirstOrThrow();
    await insertNamedRecipient(db, {
      incident_id: row.id,
      organisation_id: granted.organisationId,
      added_by: null,
      added_at: new Date(),
    });
    expect(JSON.stringify((await readAll(granted, collection, 100)).objects)).toContain(ip);
    expect(JSON.stringify((await readAll(stranger, collection, 100)).objects)).not.toContain(ip);
  });

  it("keeps partner collections from member organisations that are not partners, and a member collection to its organisation", async () => {
    const member = await party(app(), call, admin);
    const partnerCollection = await makeCollection(call, admin, { title: "Partner" });
    await grant(call, admin, partnerCollection, member.organisationId, true, true);
    expect((await taxii(app(), member, "GET", `${ROOT}/collections/${partnerCollection}/objects/`)).statusCode).toBe(
      404,
    );
    const own = await makeCollection(call, admin, {
      title: "Egen",
      audience: "member-organisation",
      organisationId: member.organisationId,
    });
    expect((await taxii(app(), member, "GET", `${ROOT}/collections/${own}/objects/`)).statusCode).toBe(200);
    expect((await taxii(app(), granted, "GET", `${ROOT}/collections/${own}/objects/`)).statusCode).toBe(404);
  });
});

describe("TAXII collections of a forum and of a coordination case", () => {
  /** The objects' text of a collection as the caller reads it, or the status when it cannot. */
  const readText = async (who: Party, collection: string) => {
    const res = await taxii(app(), who, "GET", `${ROOT}/collections/${collection}/objects/?limit=1000`);
    return res.statusCode === 200 ? JSON.stringify(res.json<Envelope>().objects) : res.statusCode;
  };

  it("lets the forum's member organisations read its collection without a grant, never past the decision", async () => {
    const member = await party(app(), call, admin);
    const outsider = await party(app(), call, admin);
    const forum = await makeForum(app(), await adminSession(app()));
    await admit(app(), await adminSession(app()), forum.id, {
      email: member.email,
      organisationId: member.organisationId,
    });
    const collection = await makeCollection(call, admin, { title: "Forum", audience: "forum", audienceId: forum.id });
    const [green, red] = [uniqueIp(), uniqueIp()];
    const greenIncident = await incidentIn("TLP:GREEN", `Skanning från ${green}`);
    const redIncident = await incidentIn("TLP:RED", `Hemligt ${red}`);
    for (const i of [greenIncident, redIncident]) await publish(call, analyst, collection, i.reference);

    const listed = await taxii(app(), member, "GET", `${ROOT}/collections/`);
    expect(listed.body).toContain(collection);
    const text = await readText(member, collection);
    expect(text).toContain(green);
    expect(text).not.toContain(red);
    expect(text).not.toContain(redIncident.reference);
    // Not a member: as if there were no such collection.
    expect(await readText(outsider, collection)).toBe(404);
    expect((await taxii(app(), outsider, "GET", `${ROOT}/collections/`)).body).not.toContain(collection);
    // Membership is what opens it: a lapsed member's organisation reads nothing at once.
    await app()
      .fyr.deps.db.updateTable("forum_members")
      .set({ status: "lapsed" })
      .where("forum_id", "=", forum.id)
      .execute();
    expect(await readText(member, collection)).toBe(404);
  });

  it("lets the case's participants read its collection; an organisation not on the case gets 404", async () => {
    const participant = await party(app(), call, admin);
    const outsider = await party(app(), call, admin);
    const opened = await call(admin, "POST", "/api/v1/coordination/cases", { title: "Samordning", tlp: "TLP:AMBER" });
    expect(opened.statusCode).toBe(201);
    const { reference } = opened.json<{ reference: string }>();
    // The staff API names a case by its reference; a collection names it by id.
    const kase = await app()
      .fyr.deps.db.selectFrom("coordination_cases")
      .select(["id", "reference"])
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();
    const added = await call(admin, "POST", `/api/v1/coordination/cases/${kase.reference}/participants`, {
      organisationId: participant.organisationId,
      role: "vendor",
    });
    expect(added.statusCode).toBe(201);
    const collection = await makeCollection(call, admin, {
      title: "Fallet",
      audience: "coordination-case",
      audienceId: kase.id,
    });
    const [green, red] = [uniqueIp(), uniqueIp()];
    const greenIncident = await incidentIn("TLP:GREEN", `Sårbarhet ${green}`);
    const redIncident = await incidentIn("TLP:RED", `Hemligt ${red}`);
    for (const i of [greenIncident, redIncident]) await publish(call, analyst, collection, i.reference);

    const text = await readText(participant, collection);
    expect(text).toContain(green);
    expect(text).not.toContain(red);
    expect(await readText(outsider, collection)).toBe(404);
    // A grant row still decides over membership: made write-only, the participant may not read (403).
    await grant(call, admin, collection, participant.organisationId, false, true);
    expect(await readText(participant, collection)).toBe(403);
  });
});
