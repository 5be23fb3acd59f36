import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueIp } from "../observables/observables.test-fixtures.js";
import { insertNamedRecipient } from "../sharing/sharing-store.js";
import type { MispEvent } from "./misp-event.js";
import type { MispManifestEntry } from "./misp-feed.js";
import { mispEventProblems, partnerToken } from "./misp.test-fixtures.js";

// The MISP feed partners subscribe to (/misp/feed/): what a MISP instance fetches — manifest.json,
// one <uuid>.json per event, hashes.csv — in MISP's format, and never more than the sharing decision
// lets through to that partner: no TLP:RED unless named, no AMBER above its agreement, no value
// without the reporters' consent, in no file of the feed.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident } = observablesClient(app);
const CONSENT_ALL = { information: "third-parties", data: "third-parties", logs: "third-parties" } as const;
const md5 = (v: string) => createHash("md5").update(v, "utf8").digest("hex");

let analyst = "";
let partner = { token: "", organisationId: "" };

const feed = (path: string, token: string | null = partner.token) =>
  app().fyr.http.inject({
    method: "GET",
    url: `/misp/feed/${path}`,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

/** Everything a MISP instance would fetch from the feed: the manifest, every event, the hashes. */
async function subscribe(token = partner.token) {
  const manifestRes = await feed("manifest.json", token);
  expect(manifestRes.statusCode).toBe(200);
  const manifest = manifestRes.json<Record<string, MispManifestEntry>>();
  const events: MispEvent[] = [];
  for (const uuid of Object.keys(manifest)) {
    const res = await feed(`${uuid}.json`, token);
    expect(res.statusCode).toBe(200);
    events.push(res.json<MispEvent>());
  }
  const hashes = await feed("hashes.csv", token);
  expect(hashes.statusCode).toBe(200);
  return {
    manifest,
    events,
    hashes: hashes.body,
    raw: manifestRes.body + events.map((e) => JSON.stringify(e)).join(""),
  };
}

beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  partner = await partnerToken(app());
});

describe("the MISP feed for partners", () => {
  it("is what MISP fetches: a manifest keyed by event uuid, each event valid MISP, hashes.csv of md5(value),uuid", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Skanning från ${ip} mot http://login-${ip.replaceAll(".", "-")}.com/x`, {
      tlp: "TLP:GREEN",
      sharingConsent: CONSENT_ALL,
    });
    const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:GREEN" });
    const { manifest, events, hashes } = await subscribe();
    const mine = events.find((e) => e.Event.info.startsWith(incident.reference));
    if (!mine) throw new Error("the incident is not in the feed");
    for (const e of events) expect(mispEventProblems(e)).toEqual([]);
    // The manifest names each event by its uuid with what MISP shows before fetching it.
    expect(Object.keys(manifest).sort()).toEqual(events.map((e) => e.Event.uuid).sort());
    const entry = manifest[mine.Event.uuid];
    expect(entry).toMatchObject({
      info: mine.Event.info,
      date: mine.Event.date,
      timestamp: Number(mine.Event.timestamp),
    });
    expect(entry?.Tag.map((t) => t.name)).toContain("tlp:green");
    expect(mine.Event.Attribute.map((a) => a.value)).toContain(ip);
    expect(mine.Event.Attribute.find((a) => a.value === ip)).toMatchObject({
      type: "ip-dst",
      category: "Network activity",
    });
    // hashes.csv: one line per attribute of every event, md5 of the value and the event's uuid.
    const expected = events.flatMap((e) => e.Event.Attribute.map((a) => `${md5(a.value)},${e.Event.uuid}`)).sort();
    expect(hashes.trim().split("\n").sort()).toEqual(expected);
    expect(hashes).toContain(`${md5(ip)},${mine.Event.uuid}`);
    // The same event is the same uuid at every fetch: MISP updates it rather than adding another.
    expect(Object.keys((await subscribe()).manifest)).toContain(mine.Event.uuid);
  });

  it("never carries what the decision withholds: RED unless named, AMBER above the agreement, values without consent", async () => {
    const [ok, secret, red, amber, named] = [uniqueIp(), uniqueIp(), uniqueIp(), uniqueIp(), uniqueIp()];
    const yes = await reportSaying(`Från ${ok}`, { tlp: "TLP:GREEN", sharingConsent: CONSENT_ALL });
    const no = await reportSaying(`Från ${secret}`, {
      tlp: "TLP:GREEN",
      sharingConsent: { information: "third-parties", data: "none", logs: "none" },
    });
    const mixed = await openIncident(analyst, { reports: [yes, no], tlp: "TLP:GREEN" });
    const redReport = await reportSaying(`Hemligt ${red}`, { tlp: "TLP:RED", sharingConsent: CONSENT_ALL });
    const redIncident = await openIncident(analyst, { reports: [redReport], tlp: "TLP:RED" });
    const amberReport = await reportSaying(`Begränsat ${amber}`, { tlp: "TLP:AMBER", sharingConsent: CONSENT_ALL });
    const amberIncident = await openIncident(analyst, { reports: [amberReport], tlp: "TLP:AMBER" });
    const namedReport = await reportSaying(`Till partnern ${named}`, { tlp: "TLP:RED", sharingConsent: CONSENT_ALL });
    const namedIncident = await openIncident(analyst, { reports: [namedReport], tlp: "TLP:RED" });
    const db = app().fyr.deps.db;
    const { id } = await db
      .selectFrom("incidents")
      .select("id")
      .where("reference", "=", namedIncident.reference)
      .executeTakeFirstOrThrow();
    await insertNamedRecipient(db, {
      incident_id: id,
      organisation_id: partner.organisationId,
      added_by: null,
      added_at: new Date(),
    });

    const { events, hashes, raw } = await subscribe();
    const infos = events.map((e) => e.Event.info);
    const all = raw + hashes;
    for (const hidden of [secret, red, amber]) {
      expect(all).not.toContain(hidden);
      expect(hashes).not.toContain(md5(hidden));
    }
    for (const hidden of [redIncident.reference, amberIncident.reference])
      expect(infos.some((i) => i.startsWith(hidden))).toBe(false);
    const mixedEvent = events.find((e) => e.Event.info.startsWith(mixed.reference));
    expect(mixedEvent?.Event.Attribute.map((a) => a.value)).toEqual([ok]);
    // Named on a RED incident, the partner receives it, at distribution 0 (its organisation only).
    const namedEvent = events.find((e) => e.Event.info.startsWith(namedIncident.reference));
    expect(namedEvent?.Event.Attribute.map((a) => a.value)).toEqual([named]);
    expect(namedEvent?.Event.distribution).toBe("0");
    expect(namedEvent?.Event.Tag.map((t) => t.name)).toContain("tlp:red");

    // Asking for a withheld event by its uuid (taken from a staff export) answers 404, like any unknown uuid.
    const redUuid = JSON.parse(
      (
        await call(
          analyst,
          "GET",
          `/api/v1/incidents/${namedIncident.reference}/export.misp.json?audience=partner:${partner.organisationId}`,
        )
      ).body,
    ) as MispEvent;
    const other = await partnerToken(app());
    expect((await feed(`${redUuid.Event.uuid}.json`, other.token)).statusCode).toBe(404);
    expect((await subscribe(other.token)).raw).not.toContain(named);
    expect((await feed("00000000-0000-4000-8000-000000000000.json")).statusCode).toBe(404);
  });

  it("lets in partners' tokens only: none → 401, a member of another organisation or staff → 403", async () => {
    const noToken = await feed("manifest.json", null);
    expect(noToken.statusCode).toBe(401);
    expect(noToken.headers["content-type"]).toContain("application/problem+json");
    expect((await feed("manifest.json", "fyr_not-a-real-token-at-all-0000000000000")).statusCode).toBe(401);
    const member = await partnerToken(app(), { partner: false });
    const refused = await feed("hashes.csv", member.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe("partner_only");
    expect((await feed("manifest.json", analyst)).statusCode).toBe(403);
  });
});

describe("the cached MISP feed", () => {
  it("drops an incident from the manifest the moment its TLP goes RED, and takes it back when it is lowered", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Skanning från ${ip}`, { tlp: "TLP:GREEN", sharingConsent: CONSENT_ALL });
    const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:GREEN" });
    const manifestNow = async () => (await feed("manifest.json")).json<Record<string, MispManifestEntry>>();
    const uuidOf = async () =>
      Object.entries(await manifestNow()).find(([, e]) => e.info.startsWith(incident.reference))?.[0];
    const uuid = await uuidOf();
    if (!uuid) throw new Error("the incident is not in the feed");
    expect((await feed("manifest.json")).body).toContain(uuid); // served from the cache now
    expect((await feed(`${uuid}.json`)).statusCode).toBe(200);
    // Through the API: the next manifest, event and hashes no longer have it.
    const raised = await call(analyst, "PATCH", `/api/v1/incidents/${incident.reference}`, {
      version: incident.version,
      tlp: "TLP:RED",
    });
    expect(raised.statusCode).toBe(200);
    expect(Object.keys(await manifestNow())).not.toContain(uuid);
    expect((await feed(`${uuid}.json`)).statusCode).toBe(404);
    expect((await feed("hashes.csv")).body).not.toContain(md5(ip));
    // Straight in the database (as another process sharing it would write): back in at once.
    await app()
      .fyr.deps.db.updateTable("incidents")
      .set({ tlp: "TLP:GREEN" })
      .where("reference", "=", incident.reference)
      .execute();
    expect(Object.keys(await manifestNow())).toContain(uuid);
    // And a consent withdrawn on the report takes the value out of the event and hashes.csv.
    expect((await feed("hashes.csv")).body).toContain(md5(ip));
    await app()
      .fyr.deps.db.updateTable("reports")
      .set({ sharing_data: "none" })
      .where("reference", "=", report)
      .execute();
    expect((await feed("hashes.csv")).body).not.toContain(md5(ip));
  });
});
