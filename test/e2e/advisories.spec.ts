import { type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// An advisory from draft to the public web, in the console as CERT staff work it: a publisher writes
// the Swedish original from the template, translates it, previews the page, validates the CSAF document
// and sends it for review — and is told why they cannot approve it themselves. A second publisher
// approves and publishes it. The public page (both languages, axe clean) and the RSS feeds show it.

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

async function openAdvisories(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Säkerhetsmeddelanden", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Säkerhetsmeddelanden" })).toBeVisible();
}

test("draft → translation → review → another publisher approves → published on the web and in the feeds", async ({
  page,
  browser,
}) => {
  const tag = unique();
  const svTitle = `Kritisk sårbarhet i Exempel VPN ${tag}`;
  const enTitle = `Critical vulnerability in Example VPN ${tag}`;

  await signIn(page, E2E_USERS.advisoryAuthor);
  await openAdvisories(page);
  await page.getByRole("link", { name: "Nytt meddelande" }).click();
  await page.getByRole("button", { name: "Fyll i mallen" }).click();
  await expect(page.getByLabel("Sammanfattning")).not.toHaveValue("");
  await page.getByLabel("Rubrik").fill(svTitle);
  await page.getByLabel("Sammanfattning").fill("Exempel AB har åtgärdat en sårbarhet som utnyttjas aktivt.");
  await page
    .getByLabel("Text", { exact: true })
    .fill("## Beskrivning\n\nEn angripare kan köra kod <script>alert(1)</script>.");
  await page.getByLabel("Åtgärder").fill("Uppdatera till version 10.2.9.");
  await page.getByRole("button", { name: "Skapa utkast" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(svTitle);
  const workflow = page.locator("#advisory-workflow");
  await expect(workflow).toContainText("Utkast");
  const editor = page.locator("#advisory-editor");
  await expect(editor).toContainText("Ingen engelsk översättning ännu");

  // The shared facts and the English translation, saved together.
  await editor.getByLabel("CVE:er").fill("CVE-2025-0108");
  await editor.getByLabel("Berörda produkter").fill("Exempel AB; Exempel VPN; 10.2.8");
  await editor.getByLabel("Referenser").fill("https://exempel.example/advisory/1");
  const en = editor.locator("form").filter({ has: page.getByRole("heading", { name: "Engelska" }) });
  await en.getByLabel("Rubrik").fill(enTitle);
  await en.getByLabel("Sammanfattning").fill("Example AB has fixed an actively exploited vulnerability.");
  await en.getByLabel("Text", { exact: true }).fill("## Description\n\nAn attacker can run code.");
  await en.getByLabel("Åtgärder").fill("Update to version 10.2.9.");
  await en.getByRole("button", { name: "Spara engelska" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Engelska sparad." })).toBeVisible();
  await expect(editor).not.toContainText("Ingen engelsk översättning ännu");

  // The preview is the public page's own rendering; the script in the text is inert.
  const checks = page.locator("#advisory-checks");
  await checks.getByRole("button", { name: "Förhandsvisa den engelska sidan" }).click();
  const preview = page.frameLocator("iframe.adv-preview");
  await expect(preview.getByRole("heading", { level: 1 })).toHaveText(enTitle);
  await checks.getByRole("button", { name: "Validera CSAF-dokumenten" }).click();
  await expect(checks.getByRole("heading", { name: /CSAF-dokument på Svenska/ })).toContainText("Giltigt");
  await expect(checks.getByRole("heading", { name: /CSAF-dokument på Engelska/ })).toContainText("Giltigt");

  await workflow.getByRole("button", { name: "Skicka för granskning" }).click();
  await expect(workflow).toContainText("Under granskning");
  // Four eyes: the author is told why there is no approve button.
  await expect(workflow).toContainText("Du har skrivit eller ändrat den här versionen");
  await expect(workflow.getByRole("button", { name: "Godkänn" })).toHaveCount(0);
  const url = page.url();

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, E2E_USERS.advisoryReviewer);
  await openAdvisories(reviewer);
  await reviewer.getByLabel("Visa").selectOption("in_review");
  await reviewer.getByRole("row").filter({ hasText: svTitle }).getByRole("link").click();
  const flow = reviewer.locator("#advisory-workflow");
  await flow.getByRole("button", { name: "Godkänn" }).click();
  await expect(flow).toContainText("godkänd av Greta Granskare");
  await flow.getByRole("button", { name: "Publicera nu" }).click();
  await expect(flow.getByRole("link", { name: "Publik sida på engelska" })).toBeVisible();
  await reviewerContext.close();

  await page.goto(url);
  await expect(page.locator("#advisory-workflow")).toContainText("Publicerad");
  await expect(page.locator("#advisory-editor")).toContainText("Publicerad: öppna en revision");
  const trackingId = (await page.getByRole("heading", { level: 1 }).textContent())?.split(" · ")[0] ?? "";
  expect(trackingId).toMatch(/^FYR-SA-\d{4}-\d{4}$/);

  // The public pages, without signing in: Swedish, then English, linked to each other; axe clean.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/advisories?lang=sv");
  await expect(visitor.getByRole("link", { name: svTitle })).toBeVisible();
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.getByRole("link", { name: svTitle }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(svTitle);
  await expect(visitor.locator("main")).toContainText("<script>alert(1)</script>");
  await expect(visitor.locator("main")).toContainText("CVE-2025-0108");
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.getByRole("link", { name: "In English" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(enTitle);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "en");
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.goto("/advisories?lang=en");
  await expect(visitor.getByRole("link", { name: enTitle })).toBeVisible();
  expect(await seriousViolations(visitor)).toEqual([]);
  // The subscription form on the public pages (a plain form post, double opt-in).
  const subscribe = visitor.locator("#subscribe");
  await subscribe.getByLabel("E-mail address").fill(`reader-${trackingId.toLowerCase()}@example.org`);
  await subscribe.getByRole("checkbox", { name: "Weekly letter" }).check();
  await subscribe.getByRole("button", { name: "Subscribe" }).click();
  await expect(visitor.getByRole("status")).toContainText("The subscription starts only once you have confirmed it.");

  for (const [lang, title] of [
    ["sv", svTitle],
    ["en", enTitle],
  ] as const) {
    const rss = await visitor.request.get(`/advisories/feed.rss?lang=${lang}`);
    expect(rss.status()).toBe(200);
    const xml = await rss.text();
    expect(xml).toContain(`<title>${title}</title>`);
    expect(xml).toContain(trackingId);
    const again = await visitor.request.get(`/advisories/feed.rss?lang=${lang}`, {
      headers: { "if-none-match": rss.headers().etag ?? "" },
    });
    expect(again.status()).toBe(304);
  }
  await visitorContext.close();
});
