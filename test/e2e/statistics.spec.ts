import { type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { fileReport, fullReport } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// The statistics screen: figures with a table beside every chart, in Swedish and English, and the
// printable yearly report in either language whatever the console's.

const year = String(new Date().getUTCFullYear());

/** The figure of this title shows its data table, and the table holds `text`. */
async function tableOf(page: Page, title: string, button: string, text: string | RegExp) {
  const figure = page.getByRole("figure", { name: title });
  await figure.getByRole("button", { name: button }).click();
  const table = figure.getByRole("table", { name: title });
  await expect(table).toBeVisible();
  await expect(table).toContainText(text);
}

test("statistics in Swedish: the charts' tables, the CSV and the yearly report", async ({ page, request }) => {
  await fileReport(request, fullReport(`stats${Date.now().toString(36)}`));
  await signIn(page, E2E_USERS.statistics);
  await openNav(page, "Statistik");
  await expect(page.getByRole("heading", { name: "Nyckeltal" })).toBeVisible();
  // Two canvases drawn at least (the charts load with the screen, not with the console).
  await expect(page.locator(".stats-chart canvas").first()).toBeVisible();
  await tableOf(page, "Rapporter per kanal", "Visa tabell", "Webb");
  await expect(page.getByRole("table", { name: /Median och 90:e percentil/ })).toContainText("Hela perioden");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Jämför med föregående period").check();
  await expect(page.getByRole("table", { name: /Median/ })).toContainText("Föregående period");
  await page.getByLabel("Gruppera efter").selectOption({ label: "Sektor" });
  await expect(page.getByRole("figure", { name: "Rapporter och incidenter per Sektor" })).toBeVisible();

  const csv = page.getByRole("link", { name: "Ladda ned CSV" });
  // The page's own request context carries the session cookie.
  const answer = await page.request.get((await csv.getAttribute("href")) ?? "");
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain("period,sector,reports,incidents");

  await page.getByRole("link", { name: `Årsrapport ${year}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Årsrapport ${year}` })).toBeVisible();
  await expect(page.getByRole("table").first()).toContainText("Inkomna rapporter");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("group", { name: "Rapportens språk" }).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Annual report ${year}` })).toBeVisible();
  await expect(page.getByRole("table").first()).toContainText("Reports received");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeHidden();
});

test("statistics in English, with each chart as a table", async ({ page }) => {
  await signIn(page, E2E_USERS.statisticsEnglish);
  await page.goto("/console/account");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await openNav(page, "Statistics");
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();
  await tableOf(page, "Reports by channel", "Show table", "Web");
  const figure = page.getByRole("figure", { name: "Reports by channel" });
  await expect(figure.getByRole("button", { name: "Show chart" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("table", { name: /Median and 90th percentile/ })).toContainText("Whole period");
  expect(await seriousViolations(page)).toEqual([]);
});
