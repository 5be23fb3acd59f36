import { readFileSync } from "node:fs";
import { type Locator, type Page, expect, test } from "@playwright/test";
import { fileReport, fileReportOnPortal, fullReport } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";
import { seriousViolations } from "./axe.js";

// Observables and correlation in the console: reports that mention the same values find each other,
// a value is judged on its page, added by hand and exported, and a warning list stops a value linking.
// Values are picked out by a background job a moment after a report is filed, so the screens are
// reloaded until they show it.

const marker = () => `obs${Date.now().toString(36)}`;
const octet = () => 1 + Math.floor(Math.random() * 250);
/** A public address (not on any shipped warning list), different in every run and test. */
const publicAddress = () => `45.155.${octet()}.${octet()}`;

async function reloadUntil(page: Page, where: Locator, text: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(where).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
}

test("two reports naming the same URL find each other; the value is judged, added to by hand and exported", async ({
  page,
  browser,
}) => {
  const m = marker();
  const host = `evil-login-${m}.banken-verifiera.se`;
  const url = `http://${host}/x`;
  const ip = publicAddress();
  const defanged = `hxxp://evil-login-${m}[.]banken-verifiera[.]se/x`;

  // Two reporters file on the portal, each mentioning the link (defanged, as CERTs ask) and the address.
  const reporter = await browser.newContext();
  const portal = await reporter.newPage();
  const first = await fileReportOnPortal(portal, {
    summary: `Nätfiske ${m} första`,
    whatHappened: `Personal fick ett mejl med länken ${defanged} som loggade in från ${ip}.`,
    email: `rut.${m}@example.se`,
    tlp: "TLP:GREEN",
  });
  const second = await fileReportOnPortal(portal, {
    summary: `Nätfiske ${m} andra`,
    whatHappened: `Samma falska inloggningssida: ${defanged} (servern svarar från ${ip}, vår proxy 192.168.1.10).`,
    email: `per.${m}@example.se`,
    tlp: "TLP:AMBER",
  });
  await reporter.close();

  // The second report's related panel names the first and what they share.
  await signIn(page, E2E_USERS.duty);
  await page.goto(`/console/reports/${second.reference}`);
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${second.reference}` })).toBeVisible();
  const related = page.locator("#related");
  await reloadUntil(page, related, first.reference);
  const firstRow = related.getByRole("listitem").filter({ hasText: first.reference }).first();
  await expect(firstRow).toContainText(`Nätfiske ${m} första`);
  await expect(firstRow).toContainText("Pågående");
  await expect(firstRow.getByRole("link", { name: url })).toBeVisible();
  await expect(firstRow.getByRole("link", { name: ip })).toBeVisible();
  // The proxy's private address is on a shipped warning list: shown, but linking nothing.
  await expect(related).toContainText("står på en varningslista");
  // The toggle asks again with address ranges; the same report is still there.
  await related.getByLabel("Ta med adressintervall (CIDR)").check();
  await expect(related.getByRole("listitem").filter({ hasText: first.reference }).first()).toBeVisible();

  // The URL's page: both reports are sightings; an analyst marks it malicious.
  await firstRow.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observabler" })).toBeVisible();
  await expect(page.locator(".obs-summary h2")).toContainText(url);
  await expect(page.locator("#sightings")).toContainText(first.reference);
  await expect(page.locator("#sightings")).toContainText(second.reference);
  await expect(page.locator(".obs-summary")).toContainText("Finns i 2 fall");
  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await expect(stale.getByRole("radio", { name: "Ingen bedömning" })).toBeChecked();

  await page.getByRole("radio", { name: "Skadlig" }).check();
  await page.getByRole("button", { name: "Spara bedömningen" }).click();
  await expect(page.getByText("Bedömningen är sparad.")).toBeVisible();
  await expect(page.locator(".obs-summary")).toContainText("Skadlig");

  // Someone who opened the page before that change is told, not allowed to overwrite it.
  await stale.getByRole("radio", { name: "Ofarlig" }).check();
  await stale.getByRole("button", { name: "Spara bedömningen" }).click();
  await expect(stale.getByText("Någon annan ändrade värdet efter att du öppnade sidan.")).toBeVisible();
  await expect(stale.getByRole("radio", { name: "Skadlig" })).toBeChecked();
  await stale.close();

  // The search box finds the address (written defanged) on the same page.
  await page.getByLabel("Värde", { exact: true }).fill(ip.replaceAll(".", "[.]"));
  await page.getByRole("button", { name: "Slå upp" }).click();
  await expect(page.locator(".obs-summary h2")).toContainText(ip);

  // An incident from the second report holds its values; an analyst adds one by hand.
  await page.goto(`/console/reports/${second.reference}`);
  await page.getByRole("button", { name: "Kvittera rapporten" }).click();
  await expect(page.getByText(/Rapporten är kvitterad/)).toBeVisible();
  await page.getByRole("button", { name: "Skapa incident" }).click();
  await page.getByRole("button", { name: "Skapa incidenten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Nätfiske ${m} andra`);
  const reference = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").split(" · ")[0] ?? "";
  const observables = page.locator("#observables");
  await expect(observables.getByRole("link", { name: url })).toBeVisible();
  await expect(observables).toContainText("Skadlig");
  await expect(page.locator("#related")).toContainText(first.reference);

  const box = observables.getByLabel("Lägg till ett värde");
  await box.fill("inget värde alls");
  await observables.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(observables.locator(".field-error")).toContainText("Fyr känner inte igen det här");
  await box.fill("CVE-2024-3400");
  await observables.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(observables.getByRole("link", { name: /CVE-2024-3400/i })).toBeVisible();
  await expect(observables).toContainText("Tillagd för hand");
  // Only the hand-added value can be removed by hand.
  await expect(observables.getByRole("button", { name: /^Ta bort / })).toHaveCount(1);

  // The CSV export: a header row, then the values, the hand-added one among them.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    observables.getByRole("link", { name: "CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("type,value,tag,do_not_correlate,warning_lists,origins,first_seen,last_seen,incident");
  expect(lines.find((l) => /^cve,CVE-2024-3400,/i.test(l))).toContain(reference);
  expect(lines.find((l) => l.startsWith(`url,${url},`))).toContain("malicious");
  await expect(observables.getByRole("link", { name: "STIX 2.1" })).toHaveAttribute(
    "href",
    `/api/v1/incidents/${encodeURIComponent(reference)}/observables.stix`,
  );

  // An observer reads the verdict but cannot change it or add values.
  const observerContext = await browser.newContext();
  const observer = await observerContext.newPage();
  await signIn(observer, E2E_USERS.observer);
  await observer.goto(`/console/observables?value=${encodeURIComponent(url)}`);
  await expect(observer.locator("#verdict")).toContainText("Skadlig");
  await expect(observer.getByRole("button", { name: "Spara bedömningen" })).toHaveCount(0);
  await observer.goto(`/console/reports/${first.reference}`);
  await expect(observer.locator("#observables").getByRole("link", { name: url })).toBeVisible();
  await expect(observer.getByLabel("Lägg till ett värde")).toHaveCount(0);
  await observerContext.close();
});

test("an address an admin puts on a warning list stops linking reports", async ({ page, request }) => {
  const m = marker();
  const ip = publicAddress();
  const scan = (n: string) => ({
    ...fullReport(`${m}${n}`),
    summary: `Skanning ${m} ${n}`,
    whatHappened: `Brandväggen loggade portskanning från ${ip} i natt.`,
  });
  const first = await fileReport(request, scan("a"));
  const second = await fileReport(request, scan("b"));

  await signIn(page, E2E_USERS.admin);
  await page.goto(`/console/reports/${second.reference}`);
  const related = page.locator("#related");
  await reloadUntil(page, related, first.reference);

  // A list of the admin's own: a line that is no value is refused by its line number.
  await openNav(page, "Varningslistor");
  await expect(page.getByRole("row").filter({ hasText: "Privata och reserverade adresser" })).toContainText(
    "Följer med Fyr",
  );
  await expect(page.getByRole("button", { name: "Ta bort Privata och reserverade adresser" })).toHaveCount(0);
  await page.getByRole("button", { name: "Ny lista" }).click();
  const editor = page.locator("#warning-list-editor");
  await editor.getByLabel("Namn").fill(`Skannrar ${m}`);
  await editor.getByLabel("Poster, en per rad").fill(`${ip}\n\ninget värde`);
  await editor.getByRole("button", { name: "Spara listan" }).click();
  await expect(editor.getByText("Rad 3: ”inget värde”")).toBeVisible();
  await editor.getByLabel("Poster, en per rad").fill(ip);
  await editor.getByRole("button", { name: "Spara listan" }).click();
  await expect(page.getByText(`Varningslistan ”Skannrar ${m}” är sparad.`)).toBeVisible();
  await expect(page.getByRole("switch", { name: `Används (Skannrar ${m})` })).toBeChecked();

  // The reports no longer find each other, and the panel says why.
  await page.goto(`/console/reports/${second.reference}`);
  await expect(related).toContainText("Ingen annan rapport eller incident delar något värde med den här.");
  await expect(related).toContainText("står på en varningslista");
  await expect(page.locator("#observables")).toContainText(`Varningslista: Skannrar ${m}`);

  // Deleted again, the address links the reports once more.
  await page.goto("/console/admin/warning-lists");
  await page.getByRole("button", { name: `Ta bort Skannrar ${m}` }).click();
  await page
    .getByRole("group", { name: /Ta bort ”Skannrar/ })
    .getByRole("button", { name: "Ta bort" })
    .click();
  await expect(page.getByText(`Varningslistan ”Skannrar ${m}” är borttagen.`)).toBeVisible();
  await page.goto(`/console/reports/${second.reference}`);
  await expect(related).toContainText(first.reference);
});

test("the observable screens are accessible, obey the CSP and fit a phone", async ({ page, request }) => {
  const ip = publicAddress();
  const filed = await fileReport(request, {
    ...fullReport(marker()),
    whatHappened: `Inloggningsförsök från ${ip} mot e-posten.`,
  });
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/.test(msg.text())) problems.push(msg.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await signIn(page, E2E_USERS.keyboard);

  const valuePage = `/console/observables?value=${ip}`;
  await page.goto(valuePage);
  await reloadUntil(page, page.locator("#sightings"), filed.reference);
  expect(await seriousViolations(page), "observable page").toEqual([]);

  await page.goto(`/console/reports/${filed.reference}`);
  await expect(page.locator("#observables")).toContainText(ip);
  await expect(page.locator("#related")).not.toContainText("Laddar");
  expect(await seriousViolations(page), "report page with related and observables").toEqual([]);

  await page.goto("/console/admin/warning-lists");
  await page.getByRole("button", { name: "Ändra Exempel ur dokumentation" }).click();
  await expect(page.getByLabel("Poster, en per rad")).toHaveValue(/example\.com/);
  expect(await seriousViolations(page), "warning list editor").toEqual([]);

  // A phone: the value's page stays within the screen's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(valuePage);
  await expect(page.locator("#sightings")).toContainText(filed.reference);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(problems).toEqual([]);
});
