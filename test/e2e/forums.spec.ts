import { expect, test } from "@playwright/test";
import { inviteMember } from "./member-support.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// A forum with a vetted member: an admin (in Swedish) starts a forum and proposes a member of a
// constituent organisation, then approves the proposal; the member (in English) finds the forum in the
// member area and posts; staff see the post. A member of another organisation sees no forum, and the
// forum's address answers them as if it did not exist.

test("a vetted member sees the forum and posts; a non-member sees nothing", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, E2E_USERS.admin);
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken };
  const stamp = Date.now();
  const organisation = async (name: string) => {
    const res = await page.request.post("/api/v1/organisations", { data: { name }, headers });
    expect(res.status()).toBe(201);
    return { id: ((await res.json()) as { id: string }).id, name };
  };

  // The admin starts the forum in the console (Swedish).
  const forumName = `Energiforum ${stamp}`;
  await page.goto("/console/forums");
  await expect(page.getByRole("heading", { level: 1, name: "Forum" })).toBeVisible();
  await page.getByLabel("Namn", { exact: true }).fill(forumName);
  await page.getByLabel("Slag").selectOption("sector");
  await page.getByRole("button", { name: "Skapa forum" }).click();
  await expect(page.getByText("Forumet är skapat.")).toBeVisible();
  await page.getByRole("link", { name: forumName }).click();
  await expect(page.getByRole("heading", { level: 1, name: forumName })).toBeVisible();
  const forumPath = new URL(page.url()).pathname;
  const forumId = forumPath.split("/").at(-1) ?? "";

  // A member of a constituent organisation (their mail and area in English).
  const org = await organisation(`Kraftbolaget ${stamp}`);
  const email = `forum-member-${stamp}@e2e.test`;
  const member = await inviteMember(page, browser, org, email);

  // Proposed (the admin as sponsor), then approved: vetting.
  await page.goto(forumPath);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Namn", { exact: true }).fill("Maja Medlem");
  await page.getByLabel("Varför (till administratören)").fill("Driftchef, känd sedan tidigare");
  await page.getByRole("button", { name: "Föreslå", exact: true }).click();
  await expect(page.getByText("Föreslagen. En administratör beslutar.")).toBeVisible();
  const proposals = page.locator("#forum-proposals");
  await expect(proposals.getByRole("row").filter({ hasText: email })).toContainText("Driftchef");
  await proposals.getByRole("button", { name: "Godkänn Maja Medlem" }).click();
  await expect(page.locator("#forum-members").getByRole("row").filter({ hasText: email })).toContainText("Medlem");

  // The member finds the forum and posts (English).
  await member.getByRole("link", { name: "Forums" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "My forums" })).toBeVisible();
  await member.getByRole("link", { name: forumName }).click();
  await expect(member.getByRole("heading", { level: 1, name: forumName })).toBeVisible();
  await expect(member.getByRole("cell", { name: email })).toBeVisible();
  const form = member.getByRole("form", { name: "New post" });
  await form.getByLabel("Title").fill("Phishing aimed at grid operators");
  await form.getByLabel("Text").fill("Three of us saw the same lure this morning.");
  await form.getByRole("button", { name: "Post" }).click();
  await expect(member.getByRole("heading", { name: /Phishing aimed at grid operators/ })).toBeVisible();

  // Staff see the post in the console.
  await page.reload();
  await expect(page.getByRole("heading", { name: /Phishing aimed at grid operators/ })).toBeVisible();

  // A member of another organisation: no forum listed, and the forum's page is "no such forum".
  const otherOrg = await organisation(`Annat bolag ${stamp}`);
  const outsider = await inviteMember(page, browser, otherOrg, `outsider-${stamp}@e2e.test`);
  await outsider.getByRole("link", { name: "Forums" }).click();
  await expect(outsider.getByText("You are not a member of any forum.")).toBeVisible();
  await outsider.goto(`/member/forums/${forumId}`);
  await expect(outsider.getByText("No such forum, or you are not a member of it.")).toBeVisible();
  await expect(outsider.getByText("Phishing aimed at grid operators")).toHaveCount(0);

  await member.context().close();
  await outsider.context().close();
});
