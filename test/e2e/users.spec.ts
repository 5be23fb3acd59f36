import { expect, test } from "@playwright/test";
import { freshTotp, openNav, signIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

test("an admin invites a user and the audit trail shows it", async ({ page }) => {
  const email = `analyst-${Date.now()}@e2e.test`;
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");

  await page.getByRole("button", { name: "Bjud in användare" }).click();
  const form = page.getByRole("region", { name: "Bjud in användare" });
  await form.getByLabel("Namn").fill("Alva Analytiker");
  await form.getByLabel("E-postadress").fill(email);
  await form.getByRole("checkbox", { name: /^Analytiker/ }).check();
  await form.getByRole("button", { name: "Skicka inbjudan" }).click();

  await expect(page.getByRole("status").filter({ hasText: `Inbjudan till ${email} är skickad.` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Alva Analytiker");
  await expect(row).toContainText("Analytiker");
  await expect(row).toContainText("Inbjuden");

  await openNav(page, "Granskningslogg");
  // The audit trail speaks in words and names: filtered by what happened, it names who did it.
  await page.getByLabel("Vad").selectOption({ label: "Användare inbjuden" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  const entry = page.getByRole("row").filter({ hasText: "Användare inbjuden" }).first();
  await expect(entry).toContainText(E2E_USERS.admin.name);
  await entry.getByText("Visa").click();
  await expect(entry).toContainText(email);

  await page.getByRole("button", { name: "Kontrollera kedjan" }).click();
  await expect(page.getByText(/Granskningsloggen är obruten/)).toBeVisible();
});

test("an admin changes a user's roles and disables the account", async ({ page }) => {
  const email = `observer-${Date.now()}@e2e.test`;
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");
  await page.getByRole("button", { name: "Bjud in användare" }).click();
  const form = page.getByRole("region", { name: "Bjud in användare" });
  await form.getByLabel("Namn").fill("Otto Observatör");
  await form.getByLabel("E-postadress").fill(email);
  await form.getByRole("checkbox", { name: /^Jour/ }).check();
  await form.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText(`Inbjudan till ${email} är skickad.`)).toBeVisible();

  await page.getByRole("button", { name: "Ändra Otto Observatör" }).click();
  const edit = page.getByRole("region", { name: "Ändra Otto Observatör" });
  await edit.getByRole("checkbox", { name: /^Observatör/ }).check();
  await edit.getByRole("button", { name: "Spara roller" }).click();
  await expect(page.getByText(`Rollerna för ${email} är sparade.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Observatör");

  await page.getByRole("button", { name: "Ändra Otto Observatör" }).click();
  await page.getByRole("button", { name: "Inaktivera konto" }).click();
  await expect(
    page.getByText(`${email} är inaktiverad och kan inte logga in; hens API-nycklar är återkallade`),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Inaktiverad");
});

test("an admin resets the two-step verification of a user who lost their phone", async ({
  page,
  playwright,
  baseURL,
}) => {
  const user = E2E_USERS.lostPhone;
  // The user enrols through the API (the console's enrolment is totp.spec.ts) and keeps that
  // session open: it stands for the lost phone's browser, which the reset must sign out.
  const phone = await playwright.request.newContext({ baseURL });
  const login = await phone.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
  const headers = { "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
  const { secret } = (await (await phone.post("/api/v1/auth/totp/enrol", { headers })).json()) as { secret: string };
  const { code } = await freshTotp(secret);
  expect((await phone.post("/api/v1/auth/totp/confirm", { headers, data: { code } })).status()).toBe(200);

  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Användare");
  const row = page.getByRole("row").filter({ hasText: user.email });
  await expect(row.getByRole("cell", { name: "På", exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Ändra ${user.name}` }).click();
  const edit = page.getByRole("region", { name: `Ändra ${user.name}` });
  await edit.getByRole("button", { name: "Återställ tvåstegsverifiering" }).click();

  // The confirmation says what happens and takes focus; the rest is done with the keyboard.
  const warning = edit.getByText(`${user.name} loggas ut överallt`);
  await expect(warning).toBeFocused();
  await expect(warning).toContainText("räcker lösenordet");
  await page.keyboard.press("Tab");
  await expect(edit.getByRole("button", { name: "Ja, återställ" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(
    page.getByRole("status").filter({ hasText: `Tvåstegsverifieringen för ${user.email} är återställd` }),
  ).toBeVisible();
  await expect(row.getByRole("cell", { name: "Av", exact: true })).toBeVisible();
  expect((await phone.get("/api/v1/auth/me")).status()).toBe(401);
  await phone.dispose();

  // The password alone now signs the user in.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await signIn(page, user);
});
