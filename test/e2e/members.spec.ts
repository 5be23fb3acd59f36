import { expect, test } from "@playwright/test";
import { MEMBER_PASSWORD, inviteMember, inviteMemberWithCode, mailedLink } from "./member-support.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// A member of a constituent organisation: staff (in Swedish) invite them, the member (in English, the
// language staff chose for the mail) accepts the mailed link, chooses a password, enrols 2FA, lands in
// the member area, asks for a new network; staff approve it and the member sees it.

test("staff invite a member, who asks for a network that staff approve", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, E2E_USERS.admin);
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken };
  const orgName = `Medlemsbolaget ${Date.now()}`;
  const created = await page.request.post("/api/v1/organisations", { data: { name: orgName }, headers });
  expect(created.status()).toBe(201);
  const org = (await created.json()) as { id: string };

  const member = await inviteMember(page, browser, { id: org.id, name: orgName }, `maja-${Date.now()}@e2e.test`);

  await member.getByLabel("What to change").selectOption("add_network");
  await member.getByLabel("Network (CIDR or range)").fill("203.0.113.0/24");
  await member.getByRole("button", { name: "Send request" }).click();
  await expect(member.getByText("Your request has been sent.")).toBeVisible();
  await member.getByRole("link", { name: "Change requests" }).click();
  await expect(member.getByRole("row").filter({ hasText: "203.0.113.0/24" })).toContainText("Waiting");

  await page.goto("/console/change-requests");
  const row = page.getByRole("row").filter({ hasText: orgName });
  await row.getByLabel("Kommentar till medlemmen").fill("Kontrollerat mot RIPE");
  await row.getByRole("button", { name: "Godkänn" }).click();
  await page.getByLabel("Visa").selectOption("approved");
  await expect(page.getByRole("row").filter({ hasText: orgName })).toContainText("Kontrollerat mot RIPE");

  await member.reload();
  await expect(member.getByRole("row").filter({ hasText: "203.0.113.0/24" })).toContainText("Approved");
  await member.getByRole("link", { name: "Organisation" }).click();
  await expect(member.getByRole("cell", { name: "203.0.113.0/24" })).toBeVisible();
  await member.context().close();
});

// A member who forgot their password asks on the sign-in page (in Swedish, the browser's language); the
// mail and the link's page are in English (the member's language). The new password ends the member's
// other session, and signing in still asks for the second factor.
test("a member who forgot their password chooses a new one by mail, and 2FA still applies", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, E2E_USERS.admin);
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const orgName = `Glömska AB ${Date.now()}`;
  const created = await page.request.post("/api/v1/organisations", {
    data: { name: orgName },
    headers: { "x-csrf-token": me.csrfToken },
  });
  const org = (await created.json()) as { id: string };
  const email = `glom-${Date.now()}@e2e.test`;
  const { member: oldSession, recoveryCode } = await inviteMemberWithCode(
    page,
    browser,
    { id: org.id, name: orgName },
    email,
  );

  const context = await browser.newContext();
  const forgetful = await context.newPage();
  await forgetful.goto("/member");
  await forgetful.getByRole("button", { name: "Glömt lösenordet?" }).click();
  await expect(forgetful.getByRole("heading", { name: "Glömt lösenordet?" })).toBeVisible();
  await forgetful.getByLabel("E-postadress").fill(email);
  await forgetful.getByRole("button", { name: "Skicka länk" }).click();
  await expect(forgetful.getByText(`Hör ${email} till ett konto här`)).toBeVisible();

  await forgetful.goto(await mailedLink(page, email, "Choose a new password for Fyr", "/member/reset-password"));
  await expect(forgetful.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  const newPassword = `${MEMBER_PASSWORD}-Ny`;
  await forgetful.getByLabel("Password", { exact: true }).fill(newPassword);
  await forgetful.getByLabel("Repeat the password").fill(newPassword);
  await forgetful.getByRole("button", { name: "Save the new password" }).click();
  await expect(forgetful.getByText("you are signed out everywhere")).toBeVisible();
  await forgetful.getByRole("link", { name: "Go to sign-in" }).click();

  // The sign-in page keeps the link page's language (English) or the browser's: either will do.
  await forgetful.getByLabel(/^(E-mail address|E-postadress)$/).fill(email);
  await forgetful.getByLabel(/^(Password|Lösenord)$/).fill(newPassword);
  await forgetful.getByRole("button", { name: /^(Sign in|Logga in)$/ }).click();
  await forgetful.getByLabel(/^(Verification code|Verifieringskod)$/).fill(recoveryCode);
  await forgetful.getByRole("button", { name: /^(Verify|Verifiera)$/ }).click();
  await expect(forgetful.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  await oldSession.reload();
  await expect(oldSession.getByRole("button", { name: /^(Sign in|Logga in)$/ })).toBeVisible();
  await oldSession.context().close();
  await context.close();
});
