import { expect, test } from "@playwright/test";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// Feed sources that fetch, set up by an admin in the console: a mail address and a URL (whose failed
// fetch shows on the source), in Swedish; a Reports API source whose secret is kept but never shown, in
// English.

const unique = (label: string) =>
  `e2e-${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

test("an admin sets up a mailbox source, then makes it pull a URL and sees why the fetch failed (sv)", async ({
  page,
}) => {
  const name = unique("src");
  const address = `${name}@cert.example`;
  await signIn(page, E2E_USERS.feedSources);
  await openNav(page, "Händelseflöden");
  const sources = page.locator("#feed-sources");
  await sources.getByRole("button", { name: "Ny källa" }).click();
  const form = page.getByRole("form", { name: "Flödeskälla" });
  await form.getByLabel("Namn (a-z, 0-9, . _ -)").fill(name);
  await form.getByLabel("Hur filer kommer").selectOption({ label: "E-post till en adress" });
  await form.getByLabel("Adress", { exact: true }).fill(address);
  await form.getByRole("button", { name: "Spara" }).click();
  const row = sources.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("E-post till en adress");
  await expect(row).toContainText(address);

  await row.getByRole("button", { name: `Ändra ${name}` }).click();
  await form.getByLabel("Hur filer kommer").selectOption({ label: "URL enligt schema" });
  // Nothing listens on port 9 (discard): the fetch fails, and the source says so.
  await form.getByLabel("URL", { exact: true }).fill("http://127.0.0.1:9/report.csv");
  await form.getByRole("button", { name: "Spara" }).click();
  await expect(row).toContainText("URL enligt schema");
  await row.getByRole("button", { name: "Hämta nu" }).click();
  await expect(sources.getByText(`${name} kunde inte hämtas`)).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole("note")).toBeVisible();
  await expect(row).toContainText("Senast hämtad");
});

test("an admin sets up the Shadowserver Reports API; the secret is kept, never shown (en)", async ({ page }) => {
  const name = unique("api");
  await signIn(page, E2E_USERS.feedSourcesEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await openNav(page, "Event feeds");
  const sources = page.locator("#feed-sources");
  await sources.getByRole("button", { name: "New source" }).click();
  const form = page.getByRole("form", { name: "Feed source" });
  await form.getByLabel("Name (a-z, 0-9, . _ -)").fill(name);
  await form.getByLabel("How files arrive").selectOption({ label: "Shadowserver Reports API" });
  await form.getByLabel("API key").fill("key-123");
  await form.getByLabel("API secret").fill("very-secret-value");
  await form.getByLabel("Report types (empty: all)").fill("scan_rdp, scan_smb");
  await form.getByRole("button", { name: "Save" }).click();
  const row = sources.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Shadowserver Reports API");
  await expect(row).toContainText("Not fetched yet");
  await row.getByRole("button", { name: `Change ${name}` }).click();
  await expect(form.getByText("A secret is stored; leave empty to keep it.")).toBeVisible();
  await expect(form.getByLabel("API secret")).toHaveValue("");
  await expect(page.getByText("very-secret-value")).toHaveCount(0);
});
