import { type Locator, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { fileReport, fullReport } from "./reporting.js";
import { openMenuIfFolded, openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// The observables workspace: the index of values, a tag given on a value's page and seen wherever the
// value is listed, the search box finding an address by its network, and a pasted list looked up at
// once — in Swedish, then in English. Values are picked out by a background job a moment after a
// report is filed, so the screens are reloaded until they show them.

const marker = () => `ws${Date.now().toString(36)}`;
const octet = () => 1 + Math.floor(Math.random() * 250);

async function reloadUntil(page: Page, where: Locator, text: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(where).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
}

/** A report naming an address (defanged, as CERTs ask) and a domain, both new in this run. */
async function reportWithValues(page: Page) {
  const m = marker();
  const net = `45.157.${octet()}`;
  const ip = `${net}.${octet()}`;
  const domain = `c2-${m}.skadlig-exempel.se`;
  const filed = await fileReport(page.request, {
    ...fullReport(m),
    summary: `Skadlig trafik ${m}`,
    whatHappened: `Klienter kontaktade ${domain.replaceAll(".", "[.]")} som svarade från ${ip}.`,
  });
  return { m, net, ip, domain, reference: filed.reference };
}

test("index → tag → the tag wherever the value is → search by network → bulk lookup, in Swedish", async ({ page }) => {
  const { m, net, ip, domain, reference } = await reportWithValues(page);
  const tag = `kampanj-${m}`;
  await signIn(page, E2E_USERS.workspace);

  // The index: the domain among the recently seen values, with its one case.
  await openMenuIfFolded(page);
  await page.getByRole("navigation").getByRole("link", { name: "Observabler", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observabler" })).toBeVisible();
  const index = page.locator("#observable-index");
  await expect(index.getByRole("link", { name: "Senast sedda" })).toHaveAttribute("aria-current", "page");
  await reloadUntil(page, index, domain);
  const row = index.getByRole("row").filter({ hasText: domain });
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await index.getByLabel("Typ").selectOption("ipv4");
  await index.getByRole("button", { name: "Filtrera" }).click();
  await expect(page).toHaveURL(/type=ipv4/);
  await expect(index).toContainText(ip);
  await expect(index).not.toContainText(domain);
  await index.getByRole("link", { name: "Mest sedda" }).click();
  await expect(page).toHaveURL(/view=most-seen/);
  expect(await seriousViolations(page), "the index").toEqual([]);

  // The value's page: a tag is given, and a taxonomy's tag is written as the taxonomy writes it.
  await page.goto(`/console/observables?value=${encodeURIComponent(domain)}`);
  const tags = page.locator("#tags");
  await expect(tags).toContainText("Värdet har inga taggar.");
  await tags.getByLabel("Lägg till en tagg").fill(tag);
  await tags.getByRole("button", { name: "Lägg till tagg" }).click();
  await expect(tags.getByText(`Taggen ”${tag}” är tillagd.`)).toBeVisible();
  await tags.getByLabel("Lägg till en tagg").fill("TLP:Amber");
  await tags.getByRole("button", { name: "Lägg till tagg" }).click();
  await expect(tags.getByRole("link", { name: "tlp:amber" })).toBeVisible();
  await expect(tags).toContainText(E2E_USERS.workspace.name);
  await tags.getByLabel("Lägg till en tagg").fill("tlp:lila");
  await tags.getByRole("button", { name: "Lägg till tagg" }).click();
  await expect(tags.locator(".field-error")).toContainText("taxonomin saknar");
  await page.getByRole("button", { name: "Ta bort taggen tlp:amber" }).click();
  await expect(tags.getByText("Taggen ”tlp:amber” är borttagen.")).toBeVisible();
  expect(await seriousViolations(page), "the value's page with its tags").toEqual([]);

  // The tag where the value is listed: the report's values, and the index filtered by it.
  await page.goto(`/console/reports/${reference}`);
  const observables = page.locator("#observables");
  await expect(observables.getByRole("link", { name: tag })).toBeVisible();
  await observables.getByRole("link", { name: tag }).click();
  await expect(page).toHaveURL(/tag=/);
  await expect(page.locator("#observable-index").getByRole("row")).toHaveCount(2); // the header and the value
  await expect(page.locator("#observable-index")).toContainText(domain);

  // The search box finds the address by its network, with the report it was seen in.
  await page.goto("/console/search");
  await page.getByLabel("Sökord").fill(`${net}.0/24`);
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  const values = page.locator(".search-values");
  await expect(values.getByRole("heading", { name: "Värden" })).toBeVisible();
  const hit = values.getByRole("row").filter({ hasText: ip });
  await expect(hit).toContainText(reference);
  await hit.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${reference}` })).toBeVisible();

  // Bulk lookup: a pasted mail header; what was seen, where, with its tag, and what was not.
  await page.goto("/console/observables");
  await page.getByRole("link", { name: "Slå upp en hel lista med värden" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Slå upp en lista" })).toBeVisible();
  const unseen = `aldrig-${m}.exempel-okand.se`;
  await page
    .getByLabel("Lista eller text")
    .fill(`Received: from ${unseen} (${unseen} [${ip}])\nX-Link: hxxps://${domain.replaceAll(".", "[.]")}/`);
  await page.getByRole("button", { name: "Slå upp listan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lästa värden" })).toContainText("Sedda av Fyr: 2.");
  const seen = page.locator("#lookup-seen");
  await expect(seen.getByRole("row").filter({ hasText: domain })).toContainText(tag);
  await expect(seen.getByRole("row").filter({ hasText: ip })).toContainText(reference);
  await page.locator("#lookup-unseen summary").click();
  await expect(page.locator("#lookup-unseen")).toContainText(unseen);
  expect(await seriousViolations(page), "bulk lookup").toEqual([]);
});

test("the workspace in English, and on a phone", async ({ page }) => {
  const { net, ip, domain, reference } = await reportWithValues(page);
  await signIn(page, E2E_USERS.workspaceEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  await page.goto("/console/observables");
  await expect(page.getByRole("heading", { level: 1, name: "Observables" })).toBeVisible();
  const index = page.locator("#observable-index");
  await expect(index.getByRole("link", { name: "Recently seen" })).toHaveAttribute("aria-current", "page");
  await reloadUntil(page, index, domain);
  await expect(index.getByRole("link", { name: "Judged malicious" })).toBeVisible();

  await page.goto(`/console/observables?value=${encodeURIComponent(domain)}`);
  const tags = page.locator("#tags");
  await tags.getByLabel("Add a tag").fill('rsit:malicious-code="c2-server"');
  await tags.getByRole("button", { name: "Add tag" }).click();
  await expect(tags.getByText('The tag “rsit:malicious-code="c2-server"” is added.')).toBeVisible();
  await page.goto(`/console/reports/${reference}`);
  await expect(
    page.locator("#observables").getByRole("link", { name: 'rsit:malicious-code="c2-server"' }),
  ).toBeVisible();

  await page.goto(`/console/search?q=${encodeURIComponent(`${net}.0/24`)}`);
  await expect(page.locator(".search-values").getByRole("heading", { name: "Values" })).toBeVisible();
  await expect(page.locator(".search-values").getByRole("row").filter({ hasText: ip })).toContainText(reference);

  await page.goto("/console/observables/lookup");
  await expect(page.getByRole("heading", { level: 1, name: "Look up a list" })).toBeVisible();
  await page.getByLabel("List or text").fill(`${ip}\n${domain}\n`);
  await page.getByRole("button", { name: "Look up the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Values read" })).toContainText("Seen by Fyr: 2.");
  expect(await seriousViolations(page), "bulk lookup in English").toEqual([]);

  // A phone: the index and the lookup stay within the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/console/observables", "/console/observables/lookup"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
