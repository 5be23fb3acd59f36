import { expect, test } from "@playwright/test";
import { generateKey } from "openpgp";
import { fileReport, fullReport } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";
import { seriousViolations } from "./axe.js";

// The workspace screens: playbook administration, the duty dashboard and search.

test("an admin renames a default playbook in Swedish and the change is saved", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Handlingsplaner");
  const original = "Överbelastningsattack (DDoS)";
  const renamed = "Överbelastningsattack (DDoS, e2e)";
  await page.getByRole("button", { name: `Ändra ${original}` }).click();
  const editor = page.locator("#playbook-editor");
  await expect(editor.getByRole("heading", { name: `Ändra handlingsplan: ${original}` })).toBeVisible();
  // Swedish and English side by side; only the Swedish one changes.
  await expect(editor.getByLabel("Namn (engelska)", { exact: true })).toHaveValue("Denial of service (DDoS)");
  await editor.getByLabel("Namn (svenska)", { exact: true }).fill(renamed);
  await editor.getByRole("button", { name: "Spara handlingsplanen" }).click();
  await expect(page.getByText(`Handlingsplanen ”${renamed}” är sparad.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: renamed })).toContainText("Denial of service (DDoS)");

  // Stored, not just shown: a fresh page load lists the new name.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: renamed })).toBeVisible();

  // Put the shipped name back so other specs find the playbook they expect.
  await page.getByRole("button", { name: `Ändra ${renamed}` }).click();
  await page.locator("#playbook-editor").getByLabel("Namn (svenska)", { exact: true }).fill(original);
  await page.getByRole("button", { name: "Spara handlingsplanen" }).click();
  await expect(page.getByText(`Handlingsplanen ”${original}” är sparad.`)).toBeVisible();
});

test("two admins editing one playbook: the later save is refused and shown, not lost silently", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  await openNav(page, "Handlingsplaner");
  const other = await page.context().newPage();
  await other.goto("/console/admin/playbooks");
  for (const p of [page, other]) await p.getByRole("button", { name: "Ändra Dataläcka" }).click();

  await other.getByLabel("Beskrivning (engelska)", { exact: true }).fill("Changed by the other admin.");
  await other.getByRole("button", { name: "Spara handlingsplanen" }).click();
  await expect(other.getByText("Handlingsplanen ”Dataläcka” är sparad.")).toBeVisible();

  await page.getByLabel("Beskrivning (engelska)", { exact: true }).fill("Changed by me, from a stale copy.");
  await page.getByRole("button", { name: "Spara handlingsplanen" }).click();
  await expect(page.getByText("Någon annan har sparat den här handlingsplanen")).toBeVisible();
  await page.getByRole("button", { name: "Hämta senaste versionen" }).click();
  await expect(page.getByLabel("Beskrivning (engelska)", { exact: true })).toHaveValue("Changed by the other admin.");
  await other.close();
});

test("a duty officer sees a freshly filed report on the dashboard with its clock ticking", async ({
  page,
  request,
}) => {
  const filed = await fileReport(request, fullReport("dashboard"));

  await signIn(page, E2E_USERS.duty);
  await openNav(page, "Jourpanel");
  const row = page.locator(".dash-row").filter({ hasText: filed.reference });
  await expect(row).toContainText("Ransomware dashboard");
  await expect(row).toContainText("Exempel dashboard AB");
  const age = row.locator(".dash-clock-age");
  await expect(age).toHaveText(/^\d+ s$|^\d+ min \d\d s$/);
  await expect(row.locator(".dash-clock-target")).toContainText("kvar av");
  // The clock runs in the page, without waiting for the next fetch.
  const first = await age.textContent();
  await expect(age).not.toHaveText(first ?? "");
  await expect(page.getByRole("term").filter({ hasText: "Okvitterade rapporter" })).toBeVisible();

  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
});

test("search finds a word from a report and highlights it", async ({ page, request }) => {
  const report = fullReport("search");
  const filed = await fileReport(request, {
    ...report,
    whatHappened: "Angriparen lämnade ett program kallat zebrafinken på filservern.",
  });

  await signIn(page, E2E_USERS.duty);
  await openNav(page, "Sök");
  await expect(page.getByText("Skriv ett eller flera ord")).toBeVisible();
  // "/" from anywhere on the page puts the cursor in the search box.
  await page.getByRole("heading", { level: 1, name: "Sök" }).click();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Sökord")).toBeFocused();
  await page.keyboard.type("zebrafinken");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/console\/search\?q=zebrafinken$/);
  const hit = page.locator(".search-hit").filter({ hasText: filed.reference });
  await expect(hit.locator("mark")).toContainText(/zebrafinken/i);
  await expect(hit).toContainText("Rapport");
  await expect(page.getByRole("status").filter({ hasText: "för ”zebrafinken”" })).toBeVisible();

  await page.goto("/console/search?q=ordsomintefinnsnagonstans");
  await expect(page.getByText("Inga träffar för ”ordsomintefinnsnagonstans”")).toBeVisible();

  await page.goBack();
  await hit.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
});

test("the workspace screens are accessible, obey the CSP and fit a phone", async ({ page, request }) => {
  await fileReport(request, fullReport("a11y"));
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await signIn(page, E2E_USERS.keyboard);
  const screens: [path: string, heading: string][] = [
    ["/console/dashboard", "Jourpanel"],
    ["/console/search?q=ransomware", "Sök"],
    ["/console/admin/playbooks", "Handlingsplaner"],
    ["/console/admin/templates", "Rådsmallar"],
    ["/console/admin/pgp-keys", "Mottagarnas OpenPGP-nycklar"],
  ];
  for (const [path, heading] of screens) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText("Laddar …")).toHaveCount(0);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.goto("/console/admin/playbooks");
  await page.getByRole("button", { name: "Ändra Nätfiske" }).click();
  await expect(page.getByLabel("Namn (svenska)", { exact: true })).toHaveValue("Nätfiske");
  expect(await seriousViolations(page), "playbook editor").toEqual([]);
  await page.goto("/console/admin/templates");
  await page.getByRole("button", { name: "Ändra Begäran om loggar (Svenska)" }).click();
  await expect(page.getByRole("term").filter({ hasText: "{reference}" })).toBeVisible();
  expect(await seriousViolations(page), "template editor").toEqual([]);

  // The duty officer's phone: the dashboard stays within the screen's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/console/dashboard");
  await expect(page.locator(".dash-row").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(problems).toEqual([]);
});

test("an admin adds a recipient's OpenPGP key, sees its fingerprint and deletes it", async ({ page }) => {
  const email = "pia.mottagare@example.se";
  const { publicKey } = await generateKey({ userIDs: [{ name: "Pia Mottagare", email }], format: "armored" });
  await signIn(page, E2E_USERS.keyboard);
  await openNav(page, "OpenPGP-nycklar");
  await page.getByLabel("Publik nyckel (ASCII-armerad)").fill(publicKey);
  await page.getByRole("button", { name: "Lägg till nyckeln" }).click();
  await expect(page.getByText(`Nyckeln för ${email} är tillagd.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.locator(".cell-fingerprint")).toHaveText(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
  await expect(row).toContainText("Aldrig");

  // Not a key at all: the server's reason is shown and nothing is added.
  await page.getByLabel("Publik nyckel (ASCII-armerad)").fill("-----BEGIN PGP PUBLIC KEY BLOCK-----\nnonsense");
  await page.getByRole("button", { name: "Lägg till nyckeln" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await row.getByRole("button", { name: `Ta bort nyckeln för ${email}` }).click();
  await row.getByRole("button", { name: "Ta bort", exact: true }).click();
  await expect(page.getByText(`Nyckeln för ${email} är borttagen.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
});
