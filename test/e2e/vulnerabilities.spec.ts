import { createServer, type Server } from "node:http";
import { type Page, expect, test } from "@playwright/test";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// Vulnerability monitoring in the console. The server imported CISA's KEV sample, a CVE record for
// CVE-2025-0108 and two EPSS days through `fyr vuln import` before it started (server.ts). In Swedish a
// duty officer filters the list to KEV, opens the vulnerability page (CVSS, KEV dates, EPSS jump), reads
// the day's diff, declares a product for an organisation from the picker, and works the OSINT inbox
// fed by a local RSS server. In English an analyst searches, opens a page and sees a broken source's health.

const RSS = (tag: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>PSIRT</title>
<item><title>Exploited: CVE-2025-0108 in PAN-OS (${tag})</title><link>https://vendor.example/${tag}/1</link>
<guid>${tag}-1</guid><description>Patch the management interface now.</description></item>
<item><title>Monthly summary (${tag})</title><link>https://vendor.example/${tag}/2</link><guid>${tag}-2</guid>
<description>Nothing urgent.</description></item></channel></rss>`;

let feeds: Server;
let base = "";
test.beforeAll(async () => {
  feeds = createServer((req, res) => {
    const tag = /^\/feed-([a-z0-9]+)\.rss$/.exec(req.url ?? "")?.[1];
    if (!tag) return void res.writeHead(404).end("gone");
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(RSS(tag));
  });
  await new Promise<void>((resolve) => feeds.listen(0, "127.0.0.1", resolve));
  const address = feeds.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
test.afterAll(() => new Promise<void>((resolve) => feeds.close(() => resolve())));

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Creates an organisation through the API with the page's session (its CSRF token from /auth/me). */
async function organisation(page: Page, name: string): Promise<string> {
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const res = await page.request.post("/api/v1/organisations", {
    data: { name },
    headers: { "x-csrf-token": String(me.csrfToken) },
  });
  expect(res.status()).toBe(201);
  return String((await res.json()).id);
}

test("a duty officer follows KEV and EPSS, declares a product and works the OSINT inbox (sv)", async ({ page }) => {
  await signIn(page, E2E_USERS.vulnerabilities);
  await openNav(page, "Sårbarheter");
  await page.getByLabel("Bara kända utnyttjade (KEV)").check();
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: "CVE-2025-0108" });
  await expect(row).toContainText("Känd utnyttjad");
  await expect(row).toContainText("8.8 (4.0)");
  await row.getByRole("link", { name: "CVE-2025-0108" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("PAN-OS: Authentication Bypass");
  const kev = page.locator("#vu-kev");
  await expect(kev).toContainText("2025-02-18");
  await expect(kev).toContainText("2025-03-11");
  const scores = page.locator("#vu-scores");
  await expect(scores).toContainText("CISA-ADP");
  await expect(scores).toContainText("bedömd 2025-02-25");
  await expect(scores).toContainText("var 5,1");
  await expect(page.locator("#vu-affected")).toContainText("Palo Alto Networks PAN-OS");

  await page.getByRole("link", { name: "Tillbaka till sårbarheter" }).click();
  await page.getByRole("link", { name: "Vad som ändrats i dag" }).click();
  await page.getByLabel("Dag").fill("2025-02-25");
  await page.getByLabel("EPSS-hopp minst").fill("0.5");
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(page.locator("#vu-new-kev")).toContainText("CVE-2023-34192");
  await expect(page.locator("#vu-jumps").getByRole("row").filter({ hasText: "CVE-2025-0108" })).toBeVisible();
  await expect(page.locator("#vu-jumps")).not.toContainText("CVE-2023-34192");

  const name = `Sårbar kommun ${unique()}`;
  const id = await organisation(page, name);
  await page.goto(`/console/organisations/${id}`);
  const products = page.locator("#cy-products");
  await products.getByLabel("Leverantör").fill("palo alto");
  await products.getByRole("button", { name: "Palo Alto Networks PAN-OS" }).click();
  await products.getByRole("button", { name: "Lägg till" }).click();
  await expect(products.getByRole("listitem").filter({ hasText: "Palo Alto Networks PAN-OS" })).toBeVisible();
  await page.goto("/console/vulnerabilities/CVE-2025-0108");
  await expect(page.locator("#vu-concerns").getByRole("link", { name })).toBeVisible();

  const tag = unique();
  await openNav(page, "OSINT-inkorg");
  const sources = page.locator("#osint-sources");
  await sources.getByLabel("Namn").fill(`PSIRT ${tag}`);
  await sources.getByLabel("Flödets adress (RSS eller Atom)").fill(`${base}/feed-${tag}.rss`);
  await sources.getByRole("button", { name: "Lägg till källa" }).click();
  // The worker fetches a new source at once (a queued job); the inbox shows it after a reload.
  const item = page.getByRole("listitem", { name: `Exploited: CVE-2025-0108 in PAN-OS (${tag})` });
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(sources.getByRole("row").filter({ hasText: `PSIRT ${tag}` })).toContainText("OK");
  // The draft opens prefilled from the item: its title, and its CVE with what monitoring knows of it.
  await item.getByRole("button", { name: "Gör till utkast till varning" }).click();
  await expect(page).toHaveURL(/\/console\/advisories\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Exploited: CVE-2025-0108 in PAN-OS (${tag})`);
  await expect(page.getByRole("table", { name: /sårbarhetsbevakningen/ })).toContainText("CVE-2025-0108");
  await page.goBack();
  await expect(item).toContainText("Utkast till varning");
  // The other item goes into the weekly letter being written; the inbox links to it.
  const summary = page.getByRole("listitem", { name: `Monthly summary (${tag})` });
  await summary.getByRole("button", { name: "Lägg till i veckobrevet" }).click();
  const added = page.getByText("Tillagd i veckobrevet");
  await expect(added).toBeVisible();
  await expect(page.getByRole("link", { name: /-VB-\d{4}-\d{4}$/ })).toBeVisible();
  await summary.getByRole("button", { name: "Lägg undan" }).click();
  await expect(summary).toHaveCount(0);
  await item.getByRole("link", { name: "CVE-2025-0108", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CVE-2025-0108");
});

test("an analyst searches vulnerabilities and sees a failing source's health (en)", async ({ page }) => {
  await signIn(page, E2E_USERS.vulnerabilitiesEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await openNav(page, "Vulnerabilities");
  await page.getByLabel("CVE, title, vendor or product").fill("zimbra");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.getByRole("link", { name: "CVE-2023-34192" }).click();
  await expect(page.locator("#vu-kev")).toContainText("2025-02-25");
  await expect(page.locator("#vu-scores")).toContainText("No CVSS score in the record.");
  await expect(page.locator("#vu-concerns")).toContainText("No incident you may see mentions this CVE.");

  await openNav(page, "OSINT inbox");
  const tag = unique();
  const sources = page.locator("#osint-sources");
  await sources.getByLabel("Name").fill(`Gone ${tag}`);
  await sources.getByLabel("Feed address (RSS or Atom)").fill(`${base}/missing-${tag}.xml`);
  await sources.getByRole("button", { name: "Add source" }).click();
  const row = sources.getByRole("row").filter({ hasText: `Gone ${tag}` });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Failing", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("HTTP 404");
});
