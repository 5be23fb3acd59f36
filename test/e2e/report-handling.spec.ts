import { expect, test } from "@playwright/test";
import { fileReport, fullReport, openFollowUp } from "./reporting.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

test("a duty officer reads every answer, acknowledges, and talks with the reporter", async ({
  page,
  browser,
  request,
}) => {
  const filed = await fileReport(request, fullReport("handling"));

  await signIn(page, E2E_USERS.duty);
  await page.getByRole("navigation").getByRole("link", { name: "Rapporter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapporter" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: filed.reference });
  await expect(row).toContainText("Ransomware handling");
  await expect(row).toContainText("Ny");
  await expect(row.locator(".age")).toHaveText(/\d+ s|\d+ min/);
  // Newest first: the report just filed heads the list.
  await expect(page.getByRole("row").nth(1)).toContainText(filed.reference);

  await row.getByRole("link", { name: filed.reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
  const answers = page.locator("#answers");
  const expected: [question: string, answer: string][] = [
    ["Vad har hänt?", "Filservern krypterades i natt (handling)."],
    ["Hur och när upptäcktes problemet?", "Användare kunde inte öppna filer"],
    ["När upptäcktes det? (datum och tid)", "2026-11-20 07:45"],
    ["Vilka åtgärder har genomförts?", "Servern isolerad från nätet"],
    ["Är incidenten fortfarande pågående?", "Ja"],
    ["Finns risk att data läcker?", "Vet inte"],
    ["Finns risk att fler påverkas?", "Nej"],
    ["Vad vill organisationen ha hjälp med?", "Analys av loggar"],
    ["Vilka har organisationen kontaktat?", "Vår IT-leverantör"],
    ["Har organisationen polisanmält incidenten?", "Ja · 5000-K123456-26"],
  ];
  for (const [question, answer] of expected) {
    const item = answers.locator(".answer").filter({ has: page.getByText(question, { exact: true }) });
    await expect(item).toContainText(answer);
  }
  const consent = answers.locator(".answer").filter({ hasText: "Kan organisationen dela med sig" });
  await expect(consent).toContainText("Information: Ja, med andra drabbade organisationer");
  await expect(consent).toContainText("Data: Nej, inte alls");
  await expect(consent).toContainText("Loggar: Ja, även med tredje part");
  await expect(page.locator(".handling")).toContainText("TLP:AMBER+STRICT");
  const reporter = page.locator("#reporter");
  for (const text of ["Rut Rapportör", "rut.handling@example.se", "+46 8 123 456", "IT-chef", "Exempel handling AB"])
    await expect(reporter).toContainText(text);
  await expect(reporter).toContainText("556677-8899");
  await expect(reporter).toContainText("Energi");

  await page.getByLabel("Meddela rapportören via e-post").check();
  await page.getByRole("button", { name: "Kvittera rapporten" }).click();
  await expect(page.getByText("Rapporten är kvitterad och rapportören får ett e-postmeddelande.")).toBeVisible();
  await expect(page.locator(".report-head")).toContainText("Kvitterad av Dag Vakthavande");

  const reporterContext = await browser.newContext();
  const reporterPage = await reporterContext.newPage();
  await openFollowUp(reporterPage, filed.followUpToken);
  await expect(reporterPage.getByTestId("status")).toHaveText("Bekräftad");
  await expect(reporterPage.getByTestId("acknowledged")).not.toHaveText("Inte ännu");

  await page.getByLabel("Meddelande till rapportören").fill("Hej! Kan ni skicka brandväggsloggarna från i natt?");
  await page.getByRole("button", { name: "Skicka meddelandet" }).click();
  await expect(page.locator("#conversation")).toContainText("Kan ni skicka brandväggsloggarna");

  await reporterPage.reload();
  const conversation = reporterPage.locator(".conversation");
  await expect(conversation).toContainText("Kan ni skicka brandväggsloggarna från i natt?");
  await reporterPage.getByLabel("Meddelande", { exact: true }).fill("Självklart, de kommer inom en timme.");
  await reporterPage.getByRole("button", { name: "Skicka meddelandet" }).click();
  await expect(reporterPage.getByText("Meddelandet har skickats.")).toBeVisible();
  await expect(conversation).toContainText("Självklart, de kommer inom en timme.");
  await reporterContext.close();

  await page.reload();
  await expect(page.locator("#conversation")).toContainText("Självklart, de kommer inom en timme.");
});

test("the inbox filters by status and a report can be rejected as spam", async ({ page, request }) => {
  const filed = await fileReport(request, {
    whatHappened: "Köp billiga klockor!",
    reporter: { email: "spam@example.com" },
  });
  await signIn(page, E2E_USERS.duty);
  await page.goto(`/console/reports/${filed.reference}`);
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
  // Questions the reporter left empty say so.
  await expect(page.locator("#answers .not-answered").first()).toHaveText("Inte besvarad");
  await page.getByText("Avvisa rapporten …").click();
  await page.getByLabel("Skäl").selectOption("spam");
  await page.getByLabel("Kommentar (valfri)").fill("Reklam");
  await page.getByRole("button", { name: "Avvisa", exact: true }).click();
  await expect(page.getByText("Rapporten är avvisad.")).toBeVisible();
  await expect(page.getByRole("alert").or(page.getByRole("status")).filter({ hasText: "Skräppost" })).toBeVisible();

  await page.getByRole("link", { name: "← Alla rapporter" }).click();
  await page.getByLabel("Status").selectOption("rejected");
  await expect(page.getByRole("row").filter({ hasText: filed.reference })).toContainText("Avvisad");
  await page.getByLabel("Status").selectOption("new");
  await expect(page.getByRole("row").filter({ hasText: filed.reference })).toHaveCount(0);
});

test("an observer reads reports but has no actions", async ({ page, request }) => {
  const filed = await fileReport(request, fullReport("observer"));
  await signIn(page, E2E_USERS.observer);
  await page.getByRole("navigation").getByRole("link", { name: "Rapporter", exact: true }).click();
  await page.getByRole("link", { name: filed.reference }).click();
  await expect(page.locator("#answers")).toContainText("Filservern krypterades i natt (observer).");
  await expect(page.getByRole("button", { name: "Kvittera rapporten" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Registrera telefonrapport" })).toHaveCount(0);
});

test("a duty officer registers a telephone report with the same questions", async ({ page }) => {
  await signIn(page, E2E_USERS.duty);
  await page.goto("/console/reports");
  await page.getByRole("link", { name: "Registrera telefonrapport" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrera en telefonrapport" })).toBeVisible();
  await page.getByRole("button", { name: "Registrera rapporten" }).click();
  await expect(page.getByLabel("Vad har hänt? (obligatorisk)")).toBeFocused();
  await page.getByLabel("Vad har hänt? (obligatorisk)").fill("Uppringd: DDoS mot kommunens webbplats.");
  await page.getByLabel("Telefonnummer").fill("+46 8 555 123");
  await page.getByRole("group", { name: "Är incidenten fortfarande pågående?" }).getByLabel("Ja").check();
  await page.getByRole("button", { name: "Registrera rapporten" }).click();
  await expect(page.getByText(/Rapporten .* är registrerad\./)).toBeVisible();
  await page.getByRole("link", { name: "Öppna rapporten" }).click();
  await expect(page.locator(".report-head")).toContainText("Telefon");
  await expect(page.locator(".report-head")).toContainText("Registrerad av Dag Vakthavande");
  await expect(page.locator("#answers")).toContainText("Uppringd: DDoS mot kommunens webbplats.");
});

test("a report turns overdue in the inbox once past its acknowledgement target, without re-fetching", async ({
  page,
  request,
}) => {
  const filed = await fileReport(request, { whatHappened: "Väntar på kvittens.", reporter: { phone: "+46 8 1234" } });
  await page.clock.install();
  await signIn(page, E2E_USERS.duty);
  await page.goto("/console/reports");
  const row = page.getByRole("row").filter({ hasText: filed.reference });
  await expect(row).toBeVisible();
  await expect(row).not.toHaveClass(/row-overdue/);
  let fetches = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/reports")) fetches += 1;
  });
  // Jump the browser's wall clock past the 60-minute target (no sector: not NIS2) and let one tick run.
  await page.clock.pauseAt(Date.now() + 2_000);
  await page.clock.setSystemTime(Date.now() + 61 * 60_000);
  await page.clock.runFor(1_100);
  await expect(row).toHaveClass(/row-overdue/);
  await expect(row).toContainText("Över målet (60 min)");
  await expect(row.locator(".age")).toHaveText(/^1 tim 1 min$/);
  expect(fetches).toBe(0);
});
