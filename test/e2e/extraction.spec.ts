import { createHash } from "node:crypto";
import { domainToASCII } from "node:url";
import { type Locator, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { fileReport, fullReport } from "./reporting.js";
import { signIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

// An incident whose report is written the way reports arrive: a defanged URL (hxxp, [.]), a file name,
// an internationalised domain in punycode and a SHA-512. The analyst sees each value under its type, the
// domain in Unicode with the stored punycode as its title, and a related panel that lists the report
// sharing the domain but not the one sharing only the file name — file names never link cases.
// Values are picked out by a background job a moment after a report is filed, so the screens are
// reloaded until they show them. Swedish, then English.

const octet = () => 1 + Math.floor(Math.random() * 250);

async function reloadUntil(page: Page, where: Locator, text: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(where).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
}

async function csrf(page: Page): Promise<string> {
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  return me.csrfToken;
}

const words = {
  sv: {
    domain: "Domän",
    url: "URL",
    sha512: "SHA-512",
    filename: "Filnamn",
    never: "Kopplar aldrig ihop fall",
    leftOut: /är av ett slag som aldrig kopplar ihop fall \(Filnamn\)/,
    storedAs: "Lagras som",
    pageNotice: "värden av det slaget kopplar aldrig ihop rapporter och incidenter",
  },
  en: {
    domain: "Domain",
    url: "URL",
    sha512: "SHA-512",
    filename: "File name",
    never: "Never links cases",
    leftOut: /(is|are) of a kind that never links cases \(File name\)/,
    storedAs: "Stored as",
    pageNotice: "values of this kind never link reports and incidents",
  },
} as const;

for (const language of ["sv", "en"] as const) {
  test(`an incident's defanged report text is extracted by type, the IDN shown in Unicode, the file name not correlating (${language})`, async ({
    page,
  }) => {
    const w = words[language];
    const m = `x${language}${Date.now().toString(36)}`;
    const unicode = `räksmörgås-${m}.se`;
    const punycode = domainToASCII(unicode);
    const host = `login-${m}.bank-verifiering.se`;
    const url = `http://${host}/konto`;
    const sha512 = createHash("sha512").update(m).digest("hex");
    const fileName = `faktura-${m}.pdf.exe`;
    const ip = `45.158.${octet()}.${octet()}`;

    const filed = async (summary: string, whatHappened: string) =>
      (await fileReport(page.request, { ...fullReport(m), summary, whatHappened })).reference;
    const main = await filed(
      `Nätfiske ${m}`,
      `Mejlet länkade till hxxp://login-${m}[.]bank-verifiering[.]se/konto och svar gick till ${punycode.replace(".se", "[.]se")}. ` +
        `Bilagan ${fileName} har SHA-512 ${sha512}; den kontaktade ${ip.replaceAll(".", "[.]")}.`,
    );
    // Shares only the file name: never related. Shares the domain (written in Unicode): related.
    const sameName = await filed(`Samma bilaga ${m}`, `En annan kund fick också bilagan ${fileName}.`);
    const sameDomain = await filed(`Samma domän ${m}`, `Svar till ${unicode} från vår kund.`);

    const user = language === "sv" ? E2E_USERS.extraction : E2E_USERS.extractionEnglish;
    if (language === "sv") await signIn(page, user);
    else {
      const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
      expect(login.status()).toBe(200);
      const res = await page.request.patch("/api/v1/auth/me", {
        headers: { "x-csrf-token": await csrf(page) },
        data: { language: "en" },
      });
      expect(res.status()).toBe(200);
    }
    const created = await page.request.post("/api/v1/incidents", {
      headers: { "x-csrf-token": await csrf(page) },
      data: { title: `Nätfiske med bilaga ${m}`, reports: [main] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const incident = ((await created.json()) as { reference: string }).reference;

    await page.goto(`/console/incidents/${incident}`);
    const observables = page.locator("#observables");
    await reloadUntil(page, observables, sha512);

    // Each value under its type's heading; the defanged URL and domain as they really are.
    const group = (name: string) =>
      observables.locator("section.obs-group").filter({
        has: page.getByRole("heading", { level: 3, name: new RegExp(`^${name} \\(`) }),
      });
    await expect(group(w.url)).toContainText(url);
    await expect(group(w.sha512)).toContainText(sha512);
    await expect(group(w.filename)).toContainText(fileName);
    await expect(group(w.filename).getByRole("heading", { level: 3 })).toContainText(w.never);
    // The IDN reads in Unicode; its title is the stored punycode.
    const idn = group(w.domain).getByRole("link", { name: unicode });
    await expect(idn).toBeVisible();
    await expect(idn.locator(".obs-idn")).toHaveAttribute("title", punycode);
    await expect(observables).not.toContainText(punycode);

    // Related: the report sharing the domain, never the one sharing only the file name, and why.
    const related = page.locator("#related");
    await reloadUntil(page, related, sameDomain);
    await expect(related).not.toContainText(sameName);
    const row = related.getByRole("listitem").filter({ hasText: sameDomain }).first();
    await expect(row.getByRole("link", { name: unicode })).toBeVisible();
    await expect(related.locator(".obs-left-out")).toContainText(w.leftOut);
    expect(await seriousViolations(page), "the incident").toEqual([]);

    // The domain's page: Unicode in the heading, the stored form to copy beneath.
    await idn.click();
    await expect(page.locator(".obs-summary h2")).toContainText(unicode);
    await expect(page.locator(".obs-stored")).toContainText(`${w.storedAs} ${punycode}`);
    // The file name's page says why it links nothing.
    await page.goto(`/console/observables?value=${encodeURIComponent(fileName)}`);
    await expect(page.locator(".obs-summary")).toContainText(w.pageNotice);
    await expect(page.locator(".obs-summary")).toContainText(fileName);
  });
}
