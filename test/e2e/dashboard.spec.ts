import { expect, test } from "@playwright/test";
import { fileReport, fullReport, openFollowUp } from "./reporting.js";
import { openMenuIfFolded, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// The landing page is the duty officer's work; audit entries read as words; resolving reaches the reporter.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

test("the landing page leads with NIS2 deadlines, new replies, waiting reports and my overdue incidents", async ({
  page,
  request,
}) => {
  const marker = `land${Date.now().toString(36)}`;
  const plain = await fileReport(request, fullReport(`${marker}p`));
  const nis2 = await fileReport(request, { ...fullReport(`${marker}n`), nis2: { applies: true } });
  await signIn(page, E2E_USERS.landing);
  await expect(page.getByText(/Välkommen/)).toHaveCount(0);

  const deadlines = page.getByTestId("nis2-due");
  await expect(deadlines).toContainText(nis2.reference);
  await expect(deadlines).toContainText("Vår tidsfrist");
  await expect(page.getByRole("heading", { name: "Nya svar" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mina försenade incidenter" })).toBeVisible();

  // Among the waiting reports, the NIS2 one comes before the older plain one.
  const waiting = page.locator("section[aria-labelledby=dash-unack] .dash-row");
  const refs = await waiting.locator(".mono").allTextContents();
  expect(refs.indexOf(nis2.reference)).toBeGreaterThanOrEqual(0);
  expect(refs.indexOf(nis2.reference)).toBeLessThan(refs.indexOf(plain.reference));
});

test.describe("administrators, on a phone, in English", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("see jobs and mail on the landing page, and audit entries in words and names", async ({ page }) => {
    await signIn(page, E2E_USERS.landingAdmin);
    await page.goto("/console/account");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

    await openMenuIfFolded(page);
    await page.getByRole("navigation").getByRole("link", { name: "Overview", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
    const ops = page.locator("section[aria-labelledby=dash-ops]");
    await expect(ops).toContainText("Failed jobs");
    await expect(ops).toContainText("Mail not delivered");
    const latest = page.getByTestId("latest-audit");
    await expect(latest).toContainText("Alva Admin");
    await expect(latest).not.toContainText("language.");
    await expect(latest).not.toContainText(/[a-z]+\.[a-z_]+/);
    expect(await latest.textContent()).not.toMatch(UUID);

    await page.goto("/console/audit");
    const table = page.getByRole("table");
    await expect(table).toContainText("Signed in");
    await expect(table).toContainText("Alva Admin");
    await expect(table).not.toContainText("login.succeeded");
    // Who, what and what it concerns are words and names; the folded details are the entry's data as
    // recorded (an auditor's), and other tests running at the same time write entries of every kind.
    const lines = await table.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll("details").forEach((d) => d.remove());
      return copy.textContent ?? "";
    });
    expect(lines).not.toMatch(UUID);
    // Filtering is by words too.
    await page.getByLabel("What").selectOption({ label: "Signed in" });
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(table.getByRole("row").nth(1)).toContainText("Signed in");
  });
});

test("resolving with open tasks asks first, offers the closing message, and the reporter's page says it is closed", async ({
  page,
  browser,
  request,
}) => {
  const marker = `clo${Date.now().toString(36)}`;
  const filed = await fileReport(request, { ...fullReport(marker), nis2: { applies: true } });
  await signIn(page, E2E_USERS.landing);
  await page.goto(`/console/reports/${filed.reference}`);
  await page.getByRole("button", { name: "Skapa incident" }).click();
  await page.getByLabel("Klass (RSIT)").selectOption("malicious-code");
  await page.getByLabel("Typ (RSIT)").selectOption("infected-system");
  await page.getByLabel("Handlingsplan").selectOption({ label: "Ransomware (utpressningsprogram)" });
  await page.getByRole("button", { name: "Skapa incidenten" }).click();
  await expect(page.locator("#tasks")).toContainText("Begränsning");

  await page.getByRole("button", { name: "Lös …" }).click();
  await page.getByLabel("Hur löstes incidenten?").fill("Återställt från säkerhetskopia.");
  await expect(page.getByText(/uppgifter är inte klara/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Markera som löst" })).toBeDisabled();
  await page.getByRole("button", { name: "Lös ändå" }).click();
  await page.getByRole("button", { name: "Markera som löst" }).click();
  await expect(page.locator(".status-now")).toHaveText("Löst");

  // The closing advice template, offered to the reporter.
  await page.getByRole("button", { name: "Skriv avslutande meddelande" }).click();
  const body = page.getByLabel("Meddelande", { exact: true });
  await expect(body).toHaveValue(/avslutar nu vår hantering/);
  await page.getByRole("button", { name: "Skicka", exact: true }).click();
  await expect(page.locator("#correspondence .thread")).toContainText("avslutar nu vår hantering");

  // The reporter, in a fresh browser, sees the case closed and the message; no NIS2 form is asked for.
  const reporter = await browser.newContext();
  const reporterPage = await reporter.newPage();
  await openFollowUp(reporterPage, filed.followUpToken);
  const closed = reporterPage.getByTestId("closed");
  await expect(closed).toContainText("Vi har avslutat ärendet");
  await expect(closed).toContainText("avslutar nu vår hantering");
  await expect(reporterPage.getByRole("heading", { name: /NIS2/ })).toHaveCount(0);
  await reporter.close();
});
