import { expect, test } from "@playwright/test";
import { fileReportOnPortal, openFollowUp } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

test("a report becomes an incident with a playbook, the reporter answers, and the incident is resolved", async ({
  page,
  browser,
}) => {
  const marker = `inc${Date.now().toString(36)}`;
  // The reporter files on the portal, in their own browser.
  const reporterContext = await browser.newContext();
  const reporterPage = await reporterContext.newPage();
  const filed = await fileReportOnPortal(reporterPage, {
    summary: `Ransomware ${marker}`,
    whatHappened: `Filservern krypterades i natt (${marker}).`,
    email: `rut.${marker}@example.se`,
    tlp: "TLP:AMBER+STRICT",
  });

  // The report waits in the inbox; the duty officer acknowledges it.
  await signIn(page, E2E_USERS.incidents);
  await openNav(page, "Rapporter");
  const row = page.getByRole("row").filter({ hasText: filed.reference });
  await expect(row).toContainText(`Ransomware ${marker}`);
  await row.getByRole("link", { name: filed.reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
  await page.getByRole("button", { name: "Kvittera rapporten" }).click();
  await expect(page.getByText(/Rapporten är kvitterad/)).toBeVisible();

  // Create an incident from it: title from the summary, TLP from the report, a playbook for the class.
  await page.getByRole("button", { name: "Skapa incident" }).click();
  await expect(page.getByLabel("Rubrik")).toHaveValue(`Ransomware ${marker}`);
  await expect(page.getByLabel("TLP")).toHaveValue("TLP:AMBER+STRICT");
  await page.getByLabel("Allvarlighet").selectOption("high");
  await page.getByLabel("Klass (RSIT)").selectOption("malicious-code");
  await page.getByLabel("Typ (RSIT)").selectOption("infected-system");
  await page.getByLabel("Handlingsplan").selectOption({ label: "Ransomware (utpressningsprogram)" });
  await page.getByRole("button", { name: "Skapa incidenten" }).click();

  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(`Ransomware ${marker}`);
  const reference = ((await heading.textContent()) ?? "").split(" · ")[0] ?? "";
  expect(reference).toMatch(/\d{4}/);
  await expect(page.locator(".incident-handling")).toContainText("TLP:AMBER+STRICT");
  await expect(page.locator("#tasks")).toContainText("Första kontakt och lägesbild");
  await expect(page.locator("#tasks")).toContainText("Begränsning");
  await expect(page.locator("#linked-reports")).toContainText(filed.reference);
  await expect(page.locator(".incident-facts")).toContainText("Ines Incident");

  // Tick a checklist item of the playbook's first task.
  const firstItem = page.locator("#tasks .checklist input[type=checkbox]").first();
  // A click, not check(): the box shows the server's state, which arrives a moment after the click.
  await firstItem.click();
  await expect(firstItem).toBeChecked();

  // Write to the reporter (their thread is the report's conversation).
  await page.getByLabel("Till", { exact: true }).selectOption(filed.reference);
  await page.getByLabel("Meddelande", { exact: true }).fill(`Hej! Vi har öppnat ${reference}. Kan ni skicka loggarna?`);
  await page.getByRole("button", { name: "Skicka", exact: true }).click();
  await expect(page.locator("#correspondence .thread")).toContainText("Kan ni skicka loggarna?");

  // The reporter sees it on the follow-up page and answers.
  await openFollowUp(reporterPage, filed.followUpToken);
  await expect(reporterPage.locator(".conversation")).toContainText("Kan ni skicka loggarna?");
  await reporterPage.getByLabel("Meddelande", { exact: true }).fill(`Loggarna kommer strax (${marker}).`);
  await reporterPage.getByRole("button", { name: "Skicka meddelandet" }).click();
  await expect(reporterPage.getByText("Meddelandet har skickats.")).toBeVisible();
  await reporterContext.close();

  // The answer shows in the incident's timeline.
  await page.reload();
  await expect(page.locator("#timeline")).toContainText(`Loggarna kommer strax (${marker}).`);

  // A note with the time it happened.
  await page.keyboard.press("c");
  await expect(page.getByLabel("Anteckning (c)")).toBeFocused();
  await page.getByLabel("Anteckning (c)").fill("Filservern isolerades av kunden.");
  await page.getByLabel("När hände det?").fill("2026-11-20T08:30");
  await page.getByRole("button", { name: "Spara anteckningen" }).click();
  await expect(page.locator("#timeline")).toContainText("Filservern isolerades av kunden.");
  await expect(
    page.locator("#timeline .event-note").filter({ hasText: "Filservern isolerades av kunden." }),
  ).toContainText("2026-11-20 08:30");

  // Resolve: only legal moves are offered, and resolving asks for the resolution.
  await expect(page.getByRole("button", { name: "Öppna igen" })).toHaveCount(0);
  await page.getByRole("button", { name: "Lös …" }).click();
  await page.getByLabel("Hur löstes incidenten?").fill("Systemen återställda från säkerhetskopia.");
  // The playbook's tasks are still open: resolving asks once more.
  await page.getByRole("button", { name: "Lös ändå" }).click();
  await page.getByRole("button", { name: "Markera som löst" }).click();
  await expect(page.locator(".status-now")).toHaveText("Löst");
  await expect(page.getByRole("button", { name: "Öppna igen" })).toBeVisible();
  await expect(page.locator(".resolution")).toContainText("Systemen återställda från säkerhetskopia.");

  // The report page lists the incident, and the list finds it.
  await page.getByRole("link", { name: filed.reference }).first().click();
  await expect(page.locator("#report-incidents")).toContainText(reference);
  await page.goto("/console/incidents?view=all");
  await expect(page.getByRole("row").filter({ hasText: reference })).toContainText("Löst");
});

test("the incident list answers to the keyboard", async ({ page }) => {
  await signIn(page, E2E_USERS.incidents);
  await page.goto("/console/incidents");
  await expect(page.getByRole("heading", { level: 1, name: "Incidenter" })).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Kortkommandon" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(page.getByLabel("Sök i rubrik eller referens")).toBeFocused();
  await page.getByLabel("Sök i rubrik eller referens").blur();
  await page.keyboard.press("n");
  await expect(page.getByRole("heading", { level: 1, name: "Ny incident" })).toBeVisible();
  await page.getByLabel("Rubrik").fill("Tangentbordsincident");
  await page.getByRole("button", { name: "Skapa incidenten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tangentbordsincident");
  await page.goto("/console/incidents?view=all&q=Tangentbordsincident");
  await expect(page.getByRole("row").filter({ hasText: "Tangentbordsincident" })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.locator("a.incident-link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tangentbordsincident");
});

test("with the console in English the incident page is in English", async ({ page }) => {
  await signIn(page, E2E_USERS.incidentsEnglish);
  await page.goto("/console/incidents/new");
  await page.getByLabel("Rubrik").fill("Språkincident");
  await page.getByRole("button", { name: "Skapa incidenten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Språkincident");
  const url = page.url();

  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Språkincident");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Incidents", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resolve …" })).toBeVisible();
  await expect(page.getByLabel("When did it happen?")).toBeVisible();
  await expect(page.locator(".incident-handling")).toContainText("No report linked: no consent to share.");
});
