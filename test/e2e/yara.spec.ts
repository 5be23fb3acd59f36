import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { fullReport } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// YARA rules in the console: an analyst writes a rule (a compile error is shown at the field, with
// YARA-X's line), saves it, and the background scanner runs it over a file attached to an incident: the
// match shows in the incident's YARA panel, on its timeline and on the rule's page; "scan everything
// now" shows its progress and finishes. In English: a report's file, and a TLP:RED rule of someone else
// whose text stays hidden. Scanning runs in the background every couple of seconds, so screens are
// reloaded until they show it.

const marker = (label: string) => `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const ruleText = (name: string, word: string) =>
  `rule ${name} {\n  strings:\n    $hit = "${word}"\n  condition:\n    $hit\n}\n`;

async function reloadUntil(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
}

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/v1/auth/me")).json()) as { csrfToken: string }).csrfToken;
}

/** Opens an incident through the API (as the signed-in page) with one file attached; answers its reference. */
async function incidentWithFile(page: Page, title: string, file: { name: string; content: string }): Promise<string> {
  const token = await csrf(page.request);
  const created = await page.request.post("/api/v1/incidents", { headers: { "x-csrf-token": token }, data: { title } });
  expect(created.status(), await created.text()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };
  const attached = await page.request.post(`/api/v1/incidents/${reference}/attachments`, {
    headers: { "x-csrf-token": token },
    multipart: { file: { name: file.name, mimeType: "application/octet-stream", buffer: Buffer.from(file.content) } },
  });
  expect(attached.status(), await attached.text()).toBe(201);
  return reference;
}

test("an analyst writes a YARA rule, fixes a compile error and sees it match a file on an incident (sv)", async ({
  page,
}) => {
  const word = marker("sv");
  const name = `Laddare ${word}`;
  await signIn(page, E2E_USERS.yara);
  await openNav(page, "YARA-regler");
  await page.getByRole("link", { name: "Ny regel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny YARA-regel" })).toBeVisible();
  await page.getByLabel("Namn").fill(name);
  const source = page.getByLabel("Regeltext (YARA)");
  await source.fill(ruleText(`loader_${word}`, word).replace("    $hit\n}", "    $other\n}"));
  await page.getByRole("button", { name: "Spara regeln" }).click();
  // The error sits at the field: YARA-X's place and its own message.
  await expect(source).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Regeln kompilerar inte. YARA-X:s meddelande står nedan.")).toBeVisible();
  await expect(page.getByText("Rad 5, kolumn 5:")).toBeVisible();
  await expect(page.locator(".yara-compile-error")).toContainText("unknown pattern `$other`");
  expect(await seriousViolations(page)).toEqual([]);

  await source.fill(ruleText(`loader_${word}`, word));
  await page.getByRole("button", { name: "Kontrollera regeln" }).click();
  await expect(page.getByText(`Regeln kompilerar. Den innehåller: loader_${word}.`)).toBeVisible();
  await page.getByRole("button", { name: "Spara regeln" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.locator(".yara-source")).toContainText(`$hit = "${word}"`);

  const reference = await incidentWithFile(page, `YARA ${word}`, { name: "dropper.bin", content: `MZ..${word}..` });
  await page.goto(`/console/incidents/${reference}`);
  const panel = page.getByRole("region", { name: "YARA", exact: true });
  await reloadUntil(page, async () => {
    await expect(panel.getByText("YARA: 1 träff")).toBeVisible({ timeout: 1_000 });
  });
  await expect(panel.getByRole("link", { name })).toBeVisible();
  await expect(panel).toContainText("vid position 4");
  // The file list's badge and the timeline say it too.
  await expect(
    page.getByRole("region", { name: "Filer och bevis", exact: true }).getByText("YARA: 1 träff"),
  ).toBeVisible();
  await reloadUntil(page, async () => {
    await expect(page.getByText(`YARA-regeln ${name} träffade dropper.bin`)).toBeVisible({ timeout: 1_000 });
  });
  expect(await seriousViolations(page)).toEqual([]);

  // The rule's page lists the match with the incident.
  await panel.getByRole("link", { name }).click();
  const matches = page.getByRole("region", { name: "Träffar" });
  await expect(matches.getByRole("link", { name: reference })).toBeVisible();
  await expect(matches).toContainText("dropper.bin");
  expect(await seriousViolations(page)).toEqual([]);

  // Scan everything now: progress, then finished.
  await openNav(page, "YARA-regler");
  await page.getByRole("button", { name: "Skanna allt nu" }).click();
  await expect(page.getByText(/Den senaste skanningen av alla lagrade filer blev klar/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole("progressbar", { name: "Skanning av alla lagrade filer" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("a report's file matches in English; another analyst's TLP:RED rule keeps its text", async ({ page, browser }) => {
  const word = marker("en");
  // Someone else's TLP:RED rule (another analyst, through the API).
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, E2E_USERS.yara);
  const secretName = `Red ${word}`;
  const red = await otherPage.request.post("/api/v1/yara/rules", {
    headers: { "x-csrf-token": await csrf(otherPage.request) },
    data: { name: secretName, tlp: "TLP:RED", source: ruleText(`secret_${word}`, `red-${word}`) },
  });
  expect(red.status(), await red.text()).toBe(201);
  const redId = ((await red.json()) as { id: string }).id;
  await other.close();

  await signIn(page, E2E_USERS.yaraEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  await openNav(page, "YARA rules");
  await page.getByRole("link", { name: "New rule" }).click();
  const name = `Phishing kit ${word}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Rule text (YARA)").fill(`global rule g_${word} { condition: filesize > 0 }`);
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(
    page.getByText("Global rules are not accepted: one would stop every other rule from matching."),
  ).toBeVisible();
  await page.getByLabel("Rule text (YARA)").fill(ruleText(`kit_${word}`, word));
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // A reporter's file, through the public API as the portal sends it.
  const filed = await page.request.post("/api/public/v1/reports", {
    multipart: {
      report: JSON.stringify({ ...fullReport(word), language: "en" }),
      attachments: { name: "kit.zip", mimeType: "application/zip", buffer: Buffer.from(`PK..${word}..red-${word}`) },
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };

  await page.goto(`/console/reports/${reference}`);
  const panel = page.getByRole("region", { name: "YARA", exact: true });
  await reloadUntil(page, async () => {
    await expect(panel.getByText("YARA: 2 matches")).toBeVisible({ timeout: 1_000 });
  });
  // The other analyst's TLP:RED rule: where it matched, but not what.
  await expect(panel.getByRole("link", { name: secretName })).toBeVisible();
  await expect(panel.getByText("What matched is shown only to those who may read the rule's text.")).toBeVisible();
  await expect(panel).not.toContainText(`secret_${word}`);
  // The report's file list says it too.
  await expect(
    page.getByRole("region", { name: "Files and evidence", exact: true }).getByText("YARA: 2 matches"),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/console/yara/${redId}`);
  await expect(page.getByRole("heading", { level: 1, name: secretName })).toBeVisible();
  await expect(
    page.getByText("The text of a TLP:RED rule is read only by its author and administrators."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Matches" }).getByRole("link", { name: reference })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await expect(page.locator("body")).not.toContainText(`red-${word}`);
});
