import { type Page, expect, test } from "@playwright/test";
import { openNav, signIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

// Staff screens speak about the reporter ("Rapportörens namn"), the portal speaks to them ("Ditt
// namn"); one word for a report (rapport/report) everywhere (web/lib/i18n/GLOSSARY.md).

async function registerPhoneReport(page: Page, labels: { open: string; what: string; phone: string }) {
  await page.goto("/console/reports");
  await page.getByRole("link", { name: labels.open }).click();
  await page.getByLabel(labels.what).fill("Uppringd: nätfiske mot ekonomiavdelningen.");
  await page.getByLabel(labels.phone).fill("+46 8 555 321");
}

test("the telephone form and the report page say Rapportörens namn; the portal says Ditt namn", async ({ page }) => {
  await signIn(page, E2E_USERS.wording);
  await registerPhoneReport(page, {
    open: "Registrera telefonrapport",
    what: "Vad har hänt? (obligatorisk)",
    phone: "Telefonnummer",
  });
  await expect(page.getByLabel("Rapportörens namn")).toBeVisible();
  await expect(page.getByLabel("Rapportörens roll i organisationen")).toBeVisible();
  await expect(page.getByRole("group", { name: "Hur får informationen spridas?" })).toBeVisible();
  await expect(page.getByText("Ditt namn", { exact: true })).toHaveCount(0);
  await page.getByLabel("Rapportörens namn").fill("Sara Säkerhet");
  await page.getByRole("button", { name: "Registrera rapporten" }).click();
  await page.getByRole("link", { name: "Öppna rapporten" }).click();
  await expect(page.getByRole("term").filter({ hasText: "Rapportörens namn" })).toBeVisible();
  await expect(page.getByText("Sara Säkerhet")).toBeVisible();
  await expect(page.getByText("Ditt namn", { exact: true })).toHaveCount(0);

  // On a phone the staff wording is the same.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/console/reports/phone");
  await expect(page.getByLabel("Rapportörens namn")).toBeVisible();

  // The reporter's own form speaks to the reporter.
  await page.goto("/report");
  await expect(page.getByLabel("Ditt namn")).toBeVisible();
  await expect(page.getByLabel("Rapportörens namn")).toHaveCount(0);
});

test("in English the telephone form and the report page say Reporter's name", async ({ page }) => {
  await signIn(page, E2E_USERS.wordingEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await registerPhoneReport(page, {
    open: "Register a telephone report",
    what: "What has happened? (required)",
    phone: "Telephone number",
  });
  await expect(page.getByLabel("Reporter's name")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveCount(0);
  await page.getByLabel("Reporter's name").fill("Sam Secure");
  await page.getByRole("button", { name: "Register the report" }).click();
  await page.getByRole("link", { name: "Open the report" }).click();
  await expect(page.getByRole("term").filter({ hasText: "Reporter's name" })).toBeVisible();
});

test("a file the server refuses is worded with the server's limit in the reader's language", async ({ page }) => {
  // Without the limits endpoint the form keeps its 25 MB fallback, so the server (5 MB here) refuses.
  await page.route("**/api/public/v1/limits", (route) => route.abort());
  await page.goto("/report");
  await page.getByLabel("Vad har hänt? (obligatorisk)").fill("Loggar bifogade.");
  await page.getByLabel("E-postadress").fill("lars@example.se");
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
  const files = [{ name: "stor.bin", mimeType: "application/octet-stream", buffer: big }];
  await page.getByLabel("Bifoga filer (valfritt): loggar, skärmbilder, prover").setInputFiles(files);
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(page.getByText("Filerna är för stora: gränsen är 5 MB.")).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Send the report" }).click();
  await expect(page.getByText("The files are too large: the limit is 5 MB.")).toBeVisible();
});

test("a common password is refused in Swedish, not with the server's English", async ({ page }) => {
  await signIn(page, E2E_USERS.wording);
  await openNav(page, "Mitt konto");
  await page.getByLabel("Nuvarande lösenord").fill(PASSWORD);
  await page.getByLabel("Nytt lösenord", { exact: true }).fill("password1234");
  await page.getByLabel("Upprepa nytt lösenord").fill("password1234");
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await expect(page.getByText("Lösenordet är för vanligt. Välj ett som är svårare att gissa.")).toBeVisible();
  await expect(page.getByText(/commonly used|too_common/)).toHaveCount(0);
});
