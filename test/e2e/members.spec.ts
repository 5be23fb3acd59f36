import { expect, test } from "@playwright/test";
import { inviteMember } from "./member-support.js";
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
