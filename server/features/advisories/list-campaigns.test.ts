import { beforeAll, describe, expect, it } from "vitest";
import type { AdvisoryTemplate } from "../../../contract/advisories.js";
import { useTestApp } from "../../../test/support/app.js";
import { ENGLISH, SWEDISH, type Team, caller, makeTeam, publishedAdvisory } from "./test-fixtures.js";

// What a publication mails and shows beyond the page: each kind's list campaign (CLEAR/GREEN only, a
// revision as an update), a weekly letter's items from the API to its page and feed, and the templates.

const app = useTestApp({ FYR_CERT_NAME: "CERT-SE", FYR_PUBLIC_URL: "https://cert.example.se" });
const call = caller(app);
let team: Team;
beforeAll(async () => {
  team = await makeTeam(app());
});

const campaignsOf = (trackingId: string) =>
  app()
    .fyr.deps.db.selectFrom("list_campaigns")
    .select(["list_id", "messages"])
    .where("source_ref", "=", trackingId)
    .orderBy("created_at")
    .execute();

describe("publishing mails the kind's list", () => {
  it("sends an advisory to 'advisories', a flash alert to 'flash', nothing for AMBER, and a revision as an update", async () => {
    const advisory = await publishedAdvisory(call, team);
    const flash = await publishedAdvisory(call, team, { kind: "flash", tlp: "TLP:GREEN", products: [] });
    const amber = await publishedAdvisory(call, team, { tlp: "TLP:AMBER" });
    expect((await campaignsOf(advisory.trackingId)).map((c) => c.list_id)).toEqual(["advisories"]);
    expect((await campaignsOf(flash.trackingId)).map((c) => c.list_id)).toEqual(["flash"]);
    expect(await campaignsOf(amber.trackingId)).toEqual([]);
    const [first] = await campaignsOf(advisory.trackingId);
    expect(first?.messages.sv?.subject).toBe(`[${advisory.trackingId}] ${SWEDISH.title}`);
    expect(first?.messages.en?.subject).toBe(`[${advisory.trackingId}] ${ENGLISH.title}`);
    expect(first?.messages.en?.text).toContain(`https://cert.example.se/advisories/${advisory.trackingId}?lang=en`);

    await call("POST", `/api/v1/advisories/${advisory.id}/revisions`, team.author, { summary: "Ny version" });
    for (const [step, token] of [
      ["submit", team.author],
      ["approve", team.reviewer],
      ["publish", team.reviewer],
    ] as const)
      expect((await call("POST", `/api/v1/advisories/${advisory.id}/${step}`, token, {})).statusCode).toBe(200);
    const after = await campaignsOf(advisory.trackingId);
    expect(after).toHaveLength(2);
    expect(after[1]?.messages.sv?.subject).toBe(`[${advisory.trackingId}] Uppdaterad: ${SWEDISH.title}`);
    expect(after[1]?.messages.en?.subject).toBe(`[${advisory.trackingId}] Updated: ${ENGLISH.title}`);
  });
});

describe("the weekly letter", () => {
  it("carries its items from the API to the public page and the feed, and mails the 'weekly' list", async () => {
    const items = [
      {
        title: "Ny nätfiskevåg",
        text: "Falska fakturor skickas till kommuner.",
        source: "https://news.example/1",
        date: "2026-11-30",
      },
      {
        title: "Uppdatering av Exempel VPN",
        text: "Exempel AB släppte 10.2.9.",
        source: "https://news.example/2",
        date: "2026-12-01",
      },
    ];
    const { trackingId } = await publishedAdvisory(
      call,
      team,
      {
        kind: "weekly",
        title: "Veckobrev v.49",
        summary: "Veckans inledning.",
        body: "Hälsningar, CERT-SE",
        items,
        cves: [],
        products: [],
      },
      null,
    );
    const page = (await call("GET", `/advisories/${trackingId}?lang=sv`, null)).body;
    expect(page).toContain("Veckans nyheter");
    expect(page).toContain("Ny nätfiskevåg");
    expect(page).toContain('href="https://news.example/2"');
    expect(page).toContain('datetime="2026-12-01"');
    const rss = (await call("GET", "/advisories/feed.rss?lang=sv", null)).body;
    expect(rss).toContain("Veckobrev v.49");
    expect(rss).toContain(`/advisories/${trackingId}?lang=sv`);
    expect((await campaignsOf(trackingId)).map((c) => c.list_id)).toEqual(["weekly"]);
  });
});

describe("templates", () => {
  it.each([
    ["advisory", "en", "Vulnerability in [product]"],
    ["flash", "sv", "Blixtmeddelande: [hot]"],
    ["flash", "en", "Flash alert: [threat]"],
    ["weekly", "sv", "CERT-SE:s veckobrev v.[vecka]"],
    ["weekly", "en", "CERT-SE weekly letter, week [week]"],
  ])("offers the %s template in %s", async (kind, language, title) => {
    const res = await call("GET", `/api/v1/advisories/templates?kind=${kind}&language=${language}`, team.analyst);
    expect(res.statusCode).toBe(200);
    const t = res.json<AdvisoryTemplate>();
    expect(t).toMatchObject({ kind, language, title, items: [] });
    expect(t.summary.length).toBeGreaterThan(0);
  });
});

describe("the subscription form on the public pages", () => {
  it("works without JavaScript: a form post sends the confirmation mail (double opt-in); a bad address is refused", async () => {
    const list = (await call("GET", "/advisories?lang=en", null)).body;
    expect(list).toContain('<form method="post" action="/lists/subscribe">');
    expect(list).toContain('<input type="hidden" name="language" value="en" />');
    const email = `reader-${Math.random().toString(36).slice(2, 10)}@example.org`;
    const post = (body: string) =>
      app().fyr.http.inject({
        method: "POST",
        url: "/lists/subscribe",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: body,
      });
    const ok = await post(`language=en&email=${encodeURIComponent(email)}&lists=advisories&lists=flash`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<html lang="en">');
    expect(ok.body).toContain("The subscription starts only once you have confirmed it.");
    const mail = await app()
      .fyr.deps.db.selectFrom("mail_messages")
      .select(["subject", "text_body"])
      .where((eb) => eb(eb.val(email), "=", eb.fn.any("recipients")))
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toContain("/lists/confirm/");
    const bad = await post("language=sv&email=not-an-address&lists=advisories");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Ange en giltig e-postadress");
    expect((await post(`language=sv&email=${encodeURIComponent(email)}`)).statusCode).toBe(400);
  });
});
