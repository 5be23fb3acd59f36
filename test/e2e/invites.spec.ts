import { type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { fileReport, fullReport } from "./reporting.js";
import { freshTotp, openNav, signIn, submitSignIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// Staff are invited by mail: the admin never types a password. The person opens the one-time link,
// chooses a password and enrols two-step verification. Without SMTP the mail waits in the outbox,
// which the admin reads here through the same API the Outbox screen uses.

const NEW_PASSWORD = "Havsörn-Klippa-Ljus-2026";

/** The link in the newest mail to `to` (read with the admin's session). */
async function mailedLink(admin: Page, to: string, subject: string): Promise<string> {
  let found: string | undefined;
  await expect(async () => {
    const res = await admin.request.get("/api/v1/outbox?limit=100");
    const page = (await res.json()) as { items: { to: string[]; subject: string; body: string }[] };
    const mail = page.items.find((m) => m.to.includes(to) && m.subject === subject);
    found = mail ? /(http:\/\/\S+\/console\/[a-z-]+#[\w-]+)/.exec(mail.body)?.[1] : undefined;
    expect(found).toBeTruthy();
  }).toPass();
  if (!found) throw new Error(`no link mailed to ${to}`);
  return new URL(found).pathname + new URL(found).hash;
}

test("an admin invites an analyst, who chooses a password, enrols 2FA and cannot acknowledge reports", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const email = `ivar-${Date.now()}@e2e.test`;
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");
  await page.getByRole("button", { name: "Bjud in användare" }).click();
  const form = page.getByRole("region", { name: "Bjud in användare" });
  // No role is ticked for the admin: they choose, and the server refuses a user without one.
  for (const box of await form.getByRole("checkbox").all()) await expect(box).not.toBeChecked();
  await expect(form.getByLabel(/lösenord/i)).toHaveCount(0);
  await form.getByLabel("Namn").fill("Ivar Inbjuden");
  await form.getByLabel("E-postadress").fill(email);
  await form.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(form.getByText("Välj minst en roll.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole("checkbox", { name: /^Analytiker/ }).check();
  await expect(form.getByLabel("Inbjudans språk")).toHaveValue("sv");
  await form.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Inbjudan till ${email} är skickad.` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Inbjuden");

  const link = await mailedLink(page, email, "Inbjudan till Fyr");
  expect(link).toMatch(/^\/console\/invite#/);

  // The person, in a browser of their own.
  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto(link);
  await expect(invited.getByRole("heading", { level: 1, name: "Välkommen till Fyr" })).toBeVisible();
  await expect(invited.getByText(`Hej Ivar Inbjuden! Kontot gäller ${email}.`)).toBeVisible();
  expect(await seriousViolations(invited)).toEqual([]);
  await invited.getByLabel("Lösenord", { exact: true }).fill(NEW_PASSWORD);
  await invited.getByLabel("Upprepa lösenordet").fill(NEW_PASSWORD);
  await invited.getByRole("button", { name: "Spara lösenordet" }).click();

  await expect(invited.getByRole("heading", { name: "Aktivera tvåstegsverifiering" })).toBeVisible();
  await invited.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
  const secret = (await invited.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await invited.getByLabel("Kod från appen").fill((await freshTotp(secret)).code);
  await invited.getByRole("button", { name: "Bekräfta" }).click();
  await invited.getByRole("button", { name: "Jag har sparat koderna" }).click();
  await expect(invited.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();

  // The link worked once.
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByText("Länken är redan använd, ersatt av en nyare eller för gammal.")).toBeVisible();

  // An analyst reads a new report but cannot acknowledge it: duty does.
  const filed = await fileReport(request, fullReport(`inv${Date.now()}`));
  await invited.goto(`/console/reports/${filed.reference}`);
  const acknowledge = invited.getByRole("button", { name: "Kvittera rapporten" });
  await expect(acknowledge).toBeDisabled();
  await expect(acknowledge).toHaveAccessibleDescription(/Bara jourhavande kvitterar rapporter/);
  await context.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Aktiv");
});

test("an English invitation opens in English on a phone", async ({ page, browser }) => {
  const email = `erin-${Date.now()}@e2e.test`;
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");
  await page.getByRole("button", { name: "Bjud in användare" }).click();
  const form = page.getByRole("region", { name: "Bjud in användare" });
  await form.getByLabel("Namn").fill("Erin English");
  await form.getByLabel("E-postadress").fill(email);
  await form.getByLabel("Inbjudans språk").selectOption("en");
  await form.getByRole("checkbox", { name: /^Jour/ }).check();
  await form.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText(`Inbjudan till ${email} är skickad.`)).toBeVisible();
  const link = await mailedLink(page, email, "Your invitation to Fyr");

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "sv-SE" });
  const phone = await context.newPage();
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1, name: "Welcome to Fyr" })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(phone.locator("html")).toHaveAttribute("lang", "en");
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await phone.getByLabel("Repeat the password").fill("Something-Else-Entirely-1");
  await phone.getByRole("button", { name: "Save the password" }).click();
  await expect(phone.getByText("The passwords differ.")).toBeVisible();
  await phone.getByLabel("Repeat the password").fill(NEW_PASSWORD);
  await phone.getByRole("button", { name: "Save the password" }).click();
  await expect(phone.getByRole("heading", { name: "Turn on two-step verification" })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("an admin sends a password-reset link; using it signs the person out everywhere", async ({ page, browser }) => {
  const user = E2E_USERS.resetPassword;
  // The person is signed in elsewhere, e.g. on a machine they have lost.
  const elsewhere = await browser.newContext();
  const old = await elsewhere.newPage();
  await signIn(old, user);

  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");
  await page.getByRole("button", { name: `Ändra ${user.name}` }).click();
  const edit = page.getByRole("region", { name: `Ändra ${user.name}` });
  await edit.getByRole("button", { name: "Skicka länk för nytt lösenord" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `En länk för nytt lösenord är skickad till ${user.email}` }),
  ).toBeVisible();
  const link = await mailedLink(page, user.email, "Välj ett nytt lösenord för Fyr");
  expect(link).toMatch(/^\/console\/reset-password#/);

  const context = await browser.newContext();
  const reset = await context.newPage();
  await reset.goto(link);
  await expect(reset.getByRole("heading", { level: 1, name: "Välj ett nytt lösenord" })).toBeVisible();
  await reset.getByLabel("Lösenord", { exact: true }).fill(NEW_PASSWORD);
  await reset.getByLabel("Upprepa lösenordet").fill(NEW_PASSWORD);
  await reset.getByRole("button", { name: "Spara det nya lösenordet" }).click();
  await expect(reset.getByText("Ditt nya lösenord är sparat och du är utloggad överallt.")).toBeVisible();
  await reset.getByRole("link", { name: "Till inloggningen" }).click();
  await submitSignIn(reset, user, NEW_PASSWORD);
  await expect(reset.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();

  await old.reload();
  await expect(old.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
  await elsewhere.close();
  await context.close();
});
