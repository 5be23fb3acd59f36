import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Advisory } from "../../../contract/advisories.js";
import type { OsintItemPage, OsintItemUsed, OsintSource, OsintSourceList } from "../../../contract/osint.js";
import type {
  KnownProductList,
  OrganisationProducts,
  PullStatus,
  Vulnerability,
} from "../../../contract/vulnerabilities.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { fixedClock } from "../../platform/clock.js";
import { createLogger } from "../../platform/log.js";
import { constituencyClient } from "../constituency/constituency.test-fixtures.js";
import { pollOsintSources } from "./osint/poll.js";
import { ATOM, RSS } from "./osint/feeds.test-fixtures.js";
import { pullIfDue } from "./pulls.js";
import { importKev } from "./run-import.js";
import { bytesOf, cveRecord, kevCatalogue, kevEntry, localServer, uniqueCve } from "./vulnerabilities.test-fixtures.js";

const app = useTestApp();
const { call, createOrganisation } = constituencyClient(app);
const logger = createLogger("silent");
let duty = "";
let analyst = "";
let observer = "";
const system = () => ({
  db: app().fyr.deps.db,
  clock: app().fyr.deps.clock,
  actor: systemActor("cli"),
  config: app().fyr.deps.config,
});

beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  await importKev(system(), bytesOf(kevCatalogue([kevEntry({ cve: uniqueCve(2097) })])), "baseline.json");
});

const outboxTo = (address: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body", "recipients"])
    .where((eb) => eb(eb.val(address), "=", eb.fn.any("recipients")))
    .execute();

describe("organisations' products", () => {
  it("declares products from the picker; a new KEV entry naming one mails the security contact once, in its language", async () => {
    const org = await createOrganisation(duty, { name: `Kommun ${uniqueCve().slice(-7)}` });
    const email = `security-${org.id.slice(0, 8)}@kommun.example`;
    expect(
      (
        await call(duty, "POST", `/api/v1/organisations/${org.id}/contacts`, {
          email,
          role: "security",
          language: "sv",
        })
      ).statusCode,
    ).toBe(201);
    const vendor = `Acme ${org.id.slice(0, 6)} Widgets`;
    // The picker offers what imported data names.
    await importKev(
      system(),
      bytesOf(kevCatalogue([kevEntry({ cve: uniqueCve(), vendor, product: "Gateway Pro" })])),
      "k.json",
    );
    const picked = (
      await call(
        observer,
        "GET",
        `/api/v1/vulnerabilities/products?q=${encodeURIComponent(`${vendor.split(" ")[1]} gateway`)}`,
      )
    ).json<KnownProductList>();
    expect(picked.items).toEqual([{ vendor, product: "Gateway Pro", cpe: null }]);

    const declared = await call(analyst, "POST", `/api/v1/organisations/${org.id}/products`, {
      vendor,
      product: "Gateway Pro",
    });
    expect(declared.statusCode, declared.body).toBe(201);
    expect(
      (
        await call(analyst, "POST", `/api/v1/organisations/${org.id}/products`, {
          vendor: vendor.toUpperCase(),
          product: "gateway-pro",
        })
      ).json(),
    ).toMatchObject({
      code: "organisation_product_exists",
    });
    expect(
      (await call(observer, "POST", `/api/v1/organisations/${org.id}/products`, { vendor, product: "x" })).statusCode,
    ).toBe(403);
    const badCpe = await call(analyst, "POST", `/api/v1/organisations/${org.id}/products`, { cpe: "cpe:/a:old" });
    expect(badCpe.json()).toMatchObject({
      code: "validation_failed",
      errors: [expect.objectContaining({ path: "body.cpe" })],
    });
    const byCpe = await call(analyst, "POST", `/api/v1/organisations/${org.id}/products`, {
      cpe: "cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*",
    });
    expect(byCpe.json()).toMatchObject({ vendor: "paloaltonetworks", product: "pan-os" });

    const cve = uniqueCve();
    const catalogue = kevCatalogue([
      kevEntry({ cve, vendor: vendor.toLowerCase(), product: "Gateway  Pro", ransomware: "Known" }),
    ]);
    expect(await importKev(system(), bytesOf(catalogue), "kev.json")).toMatchObject({
      notices: { sent: 1, withoutContact: 0 },
    });
    await importKev(system(), bytesOf(catalogue), "kev.json");
    const mails = await outboxTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Utnyttjad sårbarhet i en produkt ni använder: ${cve}`);
    expect(mails[0]?.text_body).toContain("ransomware");
    expect(mails[0]?.text_body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    const products = (
      await call(observer, "GET", `/api/v1/organisations/${org.id}/products`)
    ).json<OrganisationProducts>();
    expect(products.items.map((p) => p.product).sort()).toEqual(["Gateway Pro", "pan-os"]);
    expect(products.notices).toEqual([{ cve, sentAt: expect.any(String) }]);
    const page = (await call(observer, "GET", `/api/v1/vulnerabilities/${cve}`)).json<Vulnerability>();
    expect(page.organisations).toEqual([{ id: org.id, name: org.name, products: [`${vendor} Gateway Pro`] }]);

    const removed = await call(
      duty,
      "DELETE",
      `/api/v1/organisations/${org.id}/products/${declared.json<{ id: string }>().id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect(
      (await call(duty, "DELETE", `/api/v1/organisations/${org.id}/products/${declared.json<{ id: string }>().id}`))
        .statusCode,
    ).toBe(404);
  });

  it("counts an organisation without a security contact instead of mailing nobody", async () => {
    const org = await createOrganisation(duty);
    const vendor = `Lonely ${org.id.slice(0, 6)}`;
    await call(analyst, "POST", `/api/v1/organisations/${org.id}/products`, { vendor, product: "*" });
    const summary = await importKev(
      system(),
      bytesOf(kevCatalogue([kevEntry({ cve: uniqueCve(), vendor, product: "Anything" })])),
      "k.json",
    );
    expect(summary.notices).toEqual({ sent: 0, withoutContact: 1 });
  });
});

describe("scheduled pulls", () => {
  let server: Awaited<ReturnType<typeof localServer>>;
  const cve = uniqueCve();
  beforeAll(async () => {
    server = await localServer({
      "/kev.json": { body: kevCatalogue([kevEntry({ cve })]), etag: '"v1"', type: "application/json" },
      "/gone.csv": { status: 500, body: "down" },
    });
  });
  afterAll(() => server.close());

  it("pulls a configured URL when due, sends the ETag next time and takes the 304, and records a failure", async () => {
    const clock = fixedClock(new Date("2025-03-01T06:00:00Z"));
    const config = {
      ...app().fyr.deps.config,
      vulnerabilityPulls: {
        kevUrl: server.url("/kev.json"),
        epssUrl: server.url("/gone.csv"),
        cveUrl: undefined,
        everyMs: 3_600_000,
      },
    };
    const deps = { db: app().fyr.deps.db, clock, logger, config };
    expect(await pullIfDue(deps, "kev", server.url("/kev.json"))).toMatchObject({ kind: "kev", inserted: 1 });
    expect(await pullIfDue(deps, "kev", server.url("/kev.json"))).toBeNull();
    clock.advance(3_600_000);
    expect(await pullIfDue(deps, "kev", server.url("/kev.json"))).toBe("not-modified");
    expect(server.requests.map((r) => r.ifNoneMatch)).toEqual([null, '"v1"']);
    await expect(pullIfDue(deps, "epss", server.url("/gone.csv"))).rejects.toThrow(/500/);
    const status = (await call(observer, "GET", "/api/v1/vulnerabilities/pulls")).json<PullStatus>();
    expect(status.items).toEqual([
      expect.objectContaining({
        kind: "epss",
        lastStatus: null,
        lastError: expect.stringContaining("500"),
        lastSuccessAt: null,
      }),
      expect.objectContaining({ kind: "kev", lastStatus: 304, lastError: null }),
    ]);
    expect((await call(observer, "GET", `/api/v1/vulnerabilities/${cve}`)).statusCode).toBe(200);
  });
});

describe("CVE records from a configured URL", () => {
  it("pulls a CVE JSON 5 record (gzip) from FYR_CVE_URL and shows it on its vulnerability page", async () => {
    const cve = uniqueCve();
    const record = JSON.stringify(cveRecord({ cve, title: `Pulled ${cve}` }));
    const server = await localServer({ "/cve/record.json.gz": { body: gzipSync(record), etag: '"c1"' } });
    try {
      const url = server.url("/cve/record.json.gz");
      const clock = fixedClock(new Date("2025-03-02T06:00:00Z"));
      const config = {
        ...app().fyr.deps.config,
        vulnerabilityPulls: { kevUrl: undefined, epssUrl: undefined, cveUrl: url, everyMs: 3_600_000 },
      };
      const deps = { db: app().fyr.deps.db, clock, logger, config };
      expect(await pullIfDue(deps, "cve", url)).toMatchObject({ kind: "cve", read: 1, inserted: 1 });
      clock.advance(3_600_000);
      expect(await pullIfDue(deps, "cve", url)).toBe("not-modified");
      const page = (await call(observer, "GET", `/api/v1/vulnerabilities/${cve}`)).json<{ title: string }>();
      expect(page.title).toBe(`Pulled ${cve}`);
      const status = (await call(observer, "GET", "/api/v1/vulnerabilities/pulls")).json<PullStatus>();
      expect(status.items).toContainEqual(expect.objectContaining({ kind: "cve", url, lastStatus: 304 }));
    } finally {
      await server.close();
    }
  });
});

describe("OSINT sources", () => {
  let server: Awaited<ReturnType<typeof localServer>>;
  const routes: Parameters<typeof localServer>[0] = {};
  beforeAll(async () => {
    routes["/psirt.rss"] = { body: RSS, type: "application/rss+xml", etag: '"r1"' };
    routes["/cert.atom"] = { body: ATOM, type: "application/atom+xml" };
    routes["/broken"] = { body: "<html>no feed</html>", type: "text/html" };
    server = await localServer(routes);
  });
  afterAll(() => server.close());

  it("polls feeds into an inbox, deduplicated by GUID and content, with each source's health", async () => {
    const clock = fixedClock(new Date("2025-03-01T06:00:00Z"));
    const deps = { db: app().fyr.deps.db, clock, logger, everyMs: 60_000 };
    const add = async (name: string, path: string) => {
      const res = await call(analyst, "POST", "/api/v1/osint/sources", { name, url: server.url(path) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<OsintSource>();
    };
    const rss = await add("Vendor PSIRT", "/psirt.rss");
    await add("CERT", "/cert.atom");
    await add("Broken", "/broken");
    expect(
      (await call(analyst, "POST", "/api/v1/osint/sources", { name: "again", url: server.url("/psirt.rss") })).json(),
    ).toMatchObject({
      code: "osint_source_exists",
    });
    expect(await pollOsintSources(deps)).toBe(3);
    // The feed changes its item's GUID but not its content, and the server stops honouring the ETag.
    routes["/psirt.rss"] = { body: RSS.replace("vendor-1", "vendor-1-again"), type: "application/rss+xml" };
    clock.advance(60_000);
    expect(await pollOsintSources(deps)).toBe(0);

    const sources = (await call(observer, "GET", "/api/v1/osint/sources")).json<OsintSourceList>();
    const health = Object.fromEntries(sources.items.map((s) => [s.name, s.health]));
    expect(health["Vendor PSIRT"]).toMatchObject({ lastError: null, items: 2 });
    expect(health.Broken).toMatchObject({ lastError: expect.stringContaining("not an RSS"), lastSuccessAt: null });

    const inbox = (await call(observer, "GET", "/api/v1/osint/items")).json<OsintItemPage>();
    expect(inbox.items).toHaveLength(3);
    const item = inbox.items.find((i) => i.title.startsWith("Critical fix"));
    expect(item).toMatchObject({
      status: "new",
      cves: ["CVE-2025-0108"],
      source: { id: rss.id, name: "Vendor PSIRT" },
      usedFor: null,
    });
    if (!item) return;
    expect((await call(observer, "POST", `/api/v1/osint/items/${item.id}/status`, { status: "read" })).statusCode).toBe(
      403,
    );
    const used = await call(analyst, "POST", `/api/v1/osint/items/${item.id}/use`, { for: "advisory-draft" });
    const usedItem = used.json<OsintItemUsed>();
    expect(usedItem).toMatchObject({ usedFor: "advisory-draft", status: "read" });
    // The draft is prefilled from the item: its title, summary, link as the reference, the CVE it names.
    const draft = (await call(analyst, "GET", `/api/v1/advisories/${usedItem.advisory.id}`)).json<Advisory>();
    expect(draft).toMatchObject({
      kind: "advisory",
      status: "draft",
      trackingId: usedItem.advisory.trackingId,
      cves: ["CVE-2025-0108"],
      references: ["https://vendor.example/a/1"],
      texts: { sv: { title: "Critical fix for CVE-2025-0108 & more" } },
    });
    // Two items into the weekly letter: the first makes the draft, the second joins it.
    const weekly: OsintItemUsed[] = [];
    for (const title of ["No guid here", "Advisory about cve-2024-3400"]) {
      const news = inbox.items.find((i) => i.title === title);
      const res = await call(analyst, "POST", `/api/v1/osint/items/${news?.id ?? ""}/use`, { for: "weekly-letter" });
      expect(res.statusCode, res.body).toBe(200);
      weekly.push(res.json<OsintItemUsed>());
    }
    expect(weekly[1]?.advisory.id).toBe(weekly[0]?.advisory.id);
    const letter = (await call(analyst, "GET", `/api/v1/advisories/${weekly[0]?.advisory.id ?? ""}`)).json<Advisory>();
    expect(letter.kind).toBe("weekly");
    expect(letter.texts.sv?.items.slice(-2)).toEqual([
      { title: "No guid here", text: "Second", source: "https://vendor.example/a/2", date: expect.any(String) },
      {
        title: "Advisory about cve-2024-3400",
        text: "Exploited in the wild.",
        source: "https://cert.example/42",
        date: "2025-02-19",
      },
    ]);
    const dismissed = await call(analyst, "POST", `/api/v1/osint/items/${inbox.items[0]?.id ?? ""}/status`, {
      status: "dismissed",
    });
    expect(dismissed.statusCode).toBe(200);
    expect((await call(observer, "GET", "/api/v1/osint/items")).json<OsintItemPage>().items).toHaveLength(2);
    expect(
      (await call(observer, "GET", "/api/v1/osint/items?status=dismissed")).json<OsintItemPage>().items,
    ).toHaveLength(1);
    expect(
      (await call(observer, "GET", `/api/v1/osint/items/00000000-0000-4000-8000-000000000000`)).json(),
    ).toMatchObject({ code: "osint_item_not_found" });

    const off = await call(analyst, "PATCH", `/api/v1/osint/sources/${rss.id}`, { enabled: false });
    expect(off.json<OsintSource>()).toMatchObject({ enabled: false });
    clock.advance(60_000);
    const before = server.requests.length;
    await pollOsintSources(deps);
    expect(server.requests.slice(before).map((r) => r.path)).not.toContain("/psirt.rss");
    expect((await call(analyst, "DELETE", `/api/v1/osint/sources/${rss.id}`)).statusCode).toBe(204);
  });

  it("fetches a source as soon as it is added (a queued job), so its health shows at once", async () => {
    routes["/fresh.atom"] = { body: ATOM.replace("urn:cert:42", "urn:cert:fresh"), type: "application/atom+xml" };
    const res = await call(duty, "POST", "/api/v1/osint/sources", { name: "Fresh", url: server.url("/fresh.atom") });
    expect(res.statusCode).toBe(201);
    await app().fyr.runDueJobs();
    const sources = (await call(observer, "GET", "/api/v1/osint/sources")).json<OsintSourceList>();
    expect(sources.items.find((s) => s.name === "Fresh")?.health).toMatchObject({ lastError: null, items: 1 });
  });
});
