import { type Page, expect, test } from "@playwright/test";
import { inviteMember } from "./member-support.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// A coordination case with two participant organisations: each one's member sees only the posts
// addressed to their organisation and only their own status; a TLP:RED post to one is invisible to the
// other. Member A reads in English, member B in Swedish (the sv and en checks); staff read in Swedish.

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  return { "x-csrf-token": me.csrfToken };
}

test("two participants each see only their posts and their own status; TLP:RED stays with its recipient", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, E2E_USERS.admin);
  const headers = await csrf(page);
  const stamp = Date.now();
  const orgs: { id: string; name: string }[] = [];
  for (const name of [`Drabbade AB ${stamp}`, `Leverantören AB ${stamp}`]) {
    const res = await page.request.post("/api/v1/organisations", { data: { name }, headers });
    expect(res.status()).toBe(201);
    orgs.push({ id: ((await res.json()) as { id: string }).id, name });
  }
  const [orgA, orgB] = orgs as [{ id: string; name: string }, { id: string; name: string }];
  const memberA = await inviteMember(page, browser, orgA, `a-${stamp}@e2e.test`);
  const memberB = await inviteMember(page, browser, orgB, `b-${stamp}@e2e.test`);

  const created = await page.request.post("/api/v1/coordination/cases", {
    data: { title: `VPN-sårbarhet ${stamp}`, tlp: "TLP:AMBER" },
    headers,
  });
  expect(created.status()).toBe(201);
  const ref = ((await created.json()) as { reference: string }).reference;
  const base = `/api/v1/coordination/cases/${ref}`;
  await page.request.post(`${base}/participants`, { data: { organisationId: orgA.id, role: "affected" }, headers });
  const added = await page.request.post(`${base}/participants`, {
    data: { organisationId: orgB.id, role: "vendor" },
    headers,
  });
  const parts = ((await added.json()) as { participants: { id: string; organisation: { id: string } }[] }).participants;
  const pa = parts.find((p) => p.organisation.id === orgA.id)?.id ?? "";
  const pb = parts.find((p) => p.organisation.id === orgB.id)?.id ?? "";
  for (const data of [
    { body: "Till alla: uppdatera VPN", to: "all" },
    { body: "Only for the affected party", to: [pa] },
    { body: "Röd uppgift till leverantören", to: [pb], tlp: "TLP:RED" },
  ])
    expect((await page.request.post(`${base}/posts`, { data, headers })).status()).toBe(201);

  // Member A (English): the post to all and their own; not the TLP:RED post to B.
  await memberA.getByRole("link", { name: "Coordination" }).click();
  await memberA.getByRole("link", { name: ref }).click();
  const postsA = memberA.getByTestId("coordination-post");
  await expect(postsA.filter({ hasText: "Only for the affected party" })).toBeVisible();
  await expect(postsA.filter({ hasText: "Till alla: uppdatera VPN" })).toBeVisible();
  await expect(postsA).toHaveCount(2);
  await expect(memberA.getByText("Röd uppgift till leverantören")).toHaveCount(0);
  await memberA.getByLabel("Status", { exact: true }).selectOption("mitigated");
  await memberA.getByLabel("Statement", { exact: true }).fill("Patched tonight");
  await memberA.getByRole("button", { name: "Set status" }).click();
  await expect(memberA.getByTestId("my-status")).toHaveText("Mitigated — Patched tonight");

  // Member B (Swedish): their own status only, the TLP:RED post, not the post to A.
  const patched = await memberB.request.patch("/api/v1/auth/me", {
    data: { language: "sv" },
    headers: await csrf(memberB),
  });
  expect(patched.status()).toBe(200);
  await memberB.goto(`/member/coordination/${ref}`);
  await expect(memberB.getByRole("heading", { name: "Er organisations status" })).toBeVisible();
  await expect(memberB.getByTestId("my-status")).toHaveText("Underrättad");
  const postsB = memberB.getByTestId("coordination-post");
  await expect(postsB.filter({ hasText: "Röd uppgift till leverantören" })).toContainText("TLP:RED");
  await expect(postsB).toHaveCount(2);
  await expect(memberB.getByText("Only for the affected party")).toHaveCount(0);
  await expect(memberB.getByText("Patched tonight")).toHaveCount(0);
  await expect(memberB.getByText(orgA.name)).toHaveCount(0);

  // Staff (Swedish) see both statuses and every post.
  await page.goto(`/console/coordination/${ref}`);
  await expect(page.getByTestId("participant").filter({ hasText: orgA.name })).toContainText("Begränsat");
  await expect(page.getByTestId("participant").filter({ hasText: orgB.name })).toContainText("Underrättad");
  await expect(page.getByTestId("coordination-post")).toHaveCount(3);
  await memberA.context().close();
  await memberB.context().close();
});
