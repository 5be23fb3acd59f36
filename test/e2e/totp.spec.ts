import { expect, test } from "@playwright/test";
import { clickLogin, freshTotp, openNav, signIn, submitSignIn } from "./support.js";
import { E2E_USERS } from "./users.js";

test("a staff member enrols TOTP and then needs a code to sign in", async ({ page }) => {
  test.setTimeout(150_000); // may wait up to two TOTP steps so no code is reused
  const user = E2E_USERS.totp;
  await signIn(page, user);
  await openNav(page, "Mitt konto");

  await page.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
  await expect(page.getByRole("img", { name: "QR-kod för autentiseringsappen" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  const first = await freshTotp(secret);
  await page.getByLabel("Kod från appen").fill(first.code);
  await page.getByRole("button", { name: "Bekräfta" }).click();

  await expect(page.getByText("Tvåstegsverifiering är aktiverad.")).toBeVisible();
  const codes = page.getByRole("list", { name: "Återställningskoder" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().innerText()).trim();
  await page.getByRole("button", { name: "Jag har sparat koderna" }).click();
  await expect(page.getByText("Ditt konto skyddas av tvåstegsverifiering.")).toBeVisible();
  await page.getByRole("button", { name: "Logga ut" }).click();

  // Password alone is no longer enough: the code step appears.
  await submitSignIn(page, user);
  await expect(page.getByLabel("Verifieringskod")).toBeFocused();
  const second = await freshTotp(secret, first.step);
  await page.getByLabel("Verifieringskod").fill(second.code);
  await clickLogin(page, "Verifiera");
  await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();
  await page.getByRole("button", { name: "Logga ut" }).click();

  // A recovery code works once in place of the app's code.
  await submitSignIn(page, user);
  await page.getByLabel("Verifieringskod").fill(recoveryCode);
  await clickLogin(page, "Verifiera");
  await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();
});

test("a wrong code does not confirm TOTP enrolment", async ({ page }) => {
  // The admin never confirms, so other specs can still sign in as admin with the password alone.
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
  await page.getByLabel("Kod från appen").fill("000000");
  await page.getByRole("button", { name: "Bekräfta" }).click();
  await expect(page.getByText("Koden stämmer inte. Försök igen med en ny kod.")).toBeVisible();
});
