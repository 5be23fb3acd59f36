import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { tempDataDir } from "../../intake/test-fixtures.js";
import { observablesClient, uniqueIp } from "../../observables/observables.test-fixtures.js";
import { pullDue, pullSubscription } from "./subscriptions.js";
import { type Party, grant, makeCollection, party, publish } from "./taxii.test-fixtures.js";

// The TAXII client against a TAXII 2.1 server speaking the protocol over a real socket: Fyr's own
// server, where a partner's collection is served to the token the partner issued. The client follows
// pages, keeps its added_after cursor (a second pull takes only what is new), stores every object as
// received and the values its SCOs and patterns name, and records a failure without moving the cursor.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident } = observablesClient(app);

const CONSENT_ALL = { information: "third-parties", data: "third-parties", logs: "third-parties" } as const;

let admin = "";
let analyst = "";
let us: Party;
let collection = "";
let base = "";

beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  // The partner's server grants "us" (a partner organisation there) its collection.
  us = await party(app(), call, admin, "TLP:GREEN");
  collection = await makeCollection(call, admin, { title: "Till CERT-SE" });
  await grant(call, admin, collection, us.organisationId, true, false);
  await app().fyr.http.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(app().fyr.http.server.address() as AddressInfo).port}`;
});

const share = async (ips: string[]) => {
  const report = await reportSaying(`Skanning från ${ips.join(", ")}`, {
    tlp: "TLP:GREEN",
    sharingConsent: CONSENT_ALL,
  });
  const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:GREEN" });
  await call(analyst, "PATCH", `/api/v1/incidents/${incident.reference}`, {
    version: incident.version,
    pap: "PAP:GREEN",
  });
  return publish(call, analyst, collection, incident.reference);
};

const subscribe = async (body: Record<string, unknown>) => {
  const res = await call(admin, "POST", "/api/v1/exchange/subscriptions", {
    title: "Partner-CERT",
    collectionUrl: `${base}/taxii2/fyr/collections/${collection}/`,
    intervalMinutes: 60,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`subscription: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; addedAfter: string | null }>();
};

const deps = () => ({ db: app().fyr.deps.db, clock: app().clock, secrets: app().fyr.deps.secrets });
const received = (id: string) =>
  app()
    .fyr.deps.db.selectFrom("taxii_received_values")
    .select(["type", "value"])
    .where("subscription_id", "=", id)
    .execute();

describe("the TAXII 2.1 client", () => {
  it("pulls every page, stores objects and values, and a second pull takes only what was added since", async () => {
    const first = [uniqueIp(), uniqueIp(), uniqueIp()];
    await share(first);
    const sub = await subscribe({ auth: "bearer", secret: us.token });
    const pulled = await pullSubscription({ ...deps(), pageSize: 2 }, sub.id, systemActor("test"));
    expect(pulled.pages).toBeGreaterThan(2);
    expect(pulled.objects).toBeGreaterThanOrEqual(3 + 3 + 1); // SCOs, indicators, the incident
    expect(pulled.addedAfter).not.toBeNull();
    const values = (await received(sub.id)).filter((v) => v.type === "ipv4").map((v) => v.value);
    expect(values.sort()).toEqual([...first].sort());

    const again = await pullSubscription({ ...deps(), pageSize: 2 }, sub.id, systemActor("test"));
    expect(again).toMatchObject({ objects: 0, addedAfter: pulled.addedAfter });

    const later = uniqueIp();
    await share([later]);
    const third = await call(admin, "POST", `/api/v1/exchange/subscriptions/${sub.id}/pull`);
    expect(third.statusCode).toBe(200);
    const result = third.json<{ objects: number; addedAfter: string }>();
    expect(result.objects).toBeGreaterThan(0);
    expect(result.objects).toBeLessThan(pulled.objects);
    expect(result.addedAfter > (pulled.addedAfter ?? "")).toBe(true);
    expect((await received(sub.id)).map((v) => v.value)).toContain(later);

    const stored = await app()
      .fyr.deps.db.selectFrom("taxii_received_objects")
      .select(["type", "body"])
      .where("subscription_id", "=", sub.id)
      .execute();
    const incident = stored.find((s) => s.type === "incident");
    expect(incident?.body).toMatchObject({ type: "incident", spec_version: "2.1" });
    const listed = await call(admin, "GET", "/api/v1/exchange/subscriptions");
    const mine = listed.json<{ items: { id: string; received: { objects: number }; lastError: string | null }[] }>();
    expect(mine.items.find((i) => i.id === sub.id)).toMatchObject({ lastError: null });
    expect(listed.body).not.toContain(us.token);
  });

  it("speaks Basic too; a refused pull is recorded and audited, and moves no cursor", async () => {
    await share([uniqueIp()]);
    const basic = await subscribe({ auth: "basic", username: us.email, secret: us.token });
    expect((await pullSubscription(deps(), basic.id, systemActor("test"))).objects).toBeGreaterThan(0);

    const wrong = await subscribe({ auth: "bearer", secret: `fyr_${"x".repeat(43)}` });
    const res = await call(admin, "POST", `/api/v1/exchange/subscriptions/${wrong.id}/pull`);
    expect(res.statusCode).toBe(503);
    expect(res.json<{ code: string }>().code).toBe("taxii_pull_failed");
    const row = await app()
      .fyr.deps.db.selectFrom("taxii_subscriptions")
      .select(["added_after", "last_error"])
      .where("id", "=", wrong.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ added_after: null });
    expect(row.last_error).toContain("401");
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", wrong.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["exchange.taxii_subscription_created", "exchange.taxii_pull_failed"]);
  });

  it("pulls on schedule what is due, each subscription by one pass only", async () => {
    await share([uniqueIp()]);
    const sub = await subscribe({ auth: "bearer", secret: us.token });
    const [a, b] = await Promise.all([pullDue(deps()), pullDue(deps())]);
    const pulls = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", sub.id)
      .where("action", "=", "exchange.taxii_pulled")
      .execute();
    expect(pulls).toHaveLength(1);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const next = await app()
      .fyr.deps.db.selectFrom("taxii_subscriptions")
      .select("next_pull_at")
      .where("id", "=", sub.id)
      .executeTakeFirstOrThrow();
    expect(next.next_pull_at.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(await pullDue(deps())).toBe(0);
  });
});
