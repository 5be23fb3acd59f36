import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// The export menu on an incident: a MISP event imported into it (one attribute tlp:red), then what a
// STIX bundle or MISP event for partner CERTs or the public would carry, and what is withheld and why;
// a TLP:RED incident goes to neither. Swedish and English.

const octet = () => 1 + Math.floor(Math.random() * 250);
const publicAddress = () => `45.156.${octet()}.${octet()}`;

async function csrf(page: Page): Promise<Record<string, string>> {
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  return { "x-csrf-token": me.csrfToken };
}

async function incident(page: Page, title: string, tlp: string): Promise<string> {
  const res = await page.request.post("/api/v1/incidents", {
    headers: await csrf(page),
    data: { title, tlp, pap: "PAP:GREEN" },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

function mispEvent(green: string, red: string): Buffer {
  const attribute = (value: string, tags: string[]) => ({
    uuid: randomUUID(),
    type: "ip-dst",
    category: "Network activity",
    value,
    to_ids: true,
    timestamp: "1764500000",
    Tag: tags.map((name) => ({ name })),
  });
  const event = {
    Event: {
      uuid: randomUUID(),
      info: "Skanning mot kommuner",
      date: "2026-11-30",
      threat_level_id: "2",
      analysis: "1",
      Tag: [{ name: "tlp:green" }],
      Attribute: [attribute(green, []), attribute(red, ["tlp:red"]), { ...attribute("fritext", []), type: "text" }],
    },
  };
  return Buffer.from(JSON.stringify(event), "utf8");
}

const words = {
  sv: {
    panel: "Exportera",
    file: "Importera en MISP-händelse (JSON)",
    importButton: "Importera",
    imported: "2 värden importerade med TLP:GREEN.",
    skipped: "1 attribut av en typ som Fyr inte sparar hoppades över.",
    audience: "Mottagare",
    publicLabel: "Allmänheten",
    check: "Visa vad som delas",
    goesOne: "1 värde följer med i exporten.",
    redWithheld: "Värden: 1 undanhållna: TLP:RED, inte en namngiven mottagare",
    tooStrict: "för strikt TLP för mottagaren",
    stix: "STIX 2.1-paket",
    misp: "MISP-händelse",
    refused: "Incidenten får inte delas med den här mottagaren.",
    redReason: "TLP:RED, inte en namngiven mottagare",
  },
  en: {
    panel: "Export",
    file: "Import a MISP event (JSON)",
    importButton: "Import",
    imported: "2 values imported at TLP:GREEN.",
    skipped: "1 attribute of a type Fyr does not keep was skipped.",
    audience: "Audience",
    publicLabel: "The public",
    check: "Show what goes",
    goesOne: "1 value goes in the export.",
    redWithheld: "Values: 1 withheld: TLP:RED, not a named recipient",
    tooStrict: "TLP too strict for this audience",
    stix: "STIX 2.1 bundle",
    misp: "MISP event",
    refused: "This incident may not be shared with this audience.",
    redReason: "TLP:RED, not a named recipient",
  },
};

for (const language of ["sv", "en"] as const) {
  test(`an incident's exports show what goes to whom and what is withheld (${language})`, async ({ page }) => {
    const w = words[language];
    await signIn(page, language === "sv" ? E2E_USERS.exchange : E2E_USERS.exchangeEnglish);
    if (language === "en") {
      await openNav(page, "Mitt konto");
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    }
    const stamp = Date.now().toString(36);
    const [green, red] = [publicAddress(), publicAddress()];
    const reference = await incident(page, `Skanning ${stamp}`, "TLP:GREEN");
    await page.goto(`/console/incidents/${reference}`);
    const panel = page.locator("#exchange-export");
    await expect(panel.getByRole("heading", { name: w.panel })).toBeVisible();

    // An analyst imports a partner's MISP event: its attributes become the incident's values.
    await panel.getByLabel(w.file).setInputFiles({
      name: "event.json",
      mimeType: "application/json",
      buffer: mispEvent(green, red),
    });
    await panel.getByRole("button", { name: w.importButton, exact: true }).click();
    await expect(panel.getByRole("status")).toContainText(w.imported);
    await expect(panel.getByRole("status")).toContainText(w.skipped);
    await expect(page.locator("#observables")).toContainText(green);

    // For partner CERTs: the green value goes, the tlp:red one is withheld and counted.
    await panel.getByRole("button", { name: w.check }).click();
    const preview = panel.locator(".exchange-preview");
    await expect(preview).toContainText(w.goesOne);
    await expect(preview).toContainText(w.redWithheld);
    expect(await seriousViolations(page)).toEqual([]);
    // For the public: a TLP:GREEN incident is for the community, never published.
    await panel.getByLabel(w.audience).selectOption({ label: w.publicLabel });
    await panel.getByRole("button", { name: w.check }).click();
    await expect(panel).toContainText(`${w.refused} (${w.tooStrict})`);
    await expect(panel.getByRole("link", { name: w.stix })).toHaveAttribute(
      "href",
      /export\.stix\.json\?audience=public/,
    );
    await expect(panel.getByRole("link", { name: w.misp })).toHaveAttribute(
      "href",
      /export\.misp\.json\?audience=public/,
    );

    // The downloaded MISP event holds what the preview said, and not the withheld value.
    const download = page.waitForEvent("download");
    await panel.getByLabel(w.audience).selectOption("partner");
    await panel.getByRole("link", { name: w.misp }).click();
    const file = await (await download).path();
    const body = readFileSync(file, "utf8");
    expect(body).toContain(green);
    expect(body).not.toContain(red);

    // A TLP:RED incident goes to no partner or the public.
    const secret = await incident(page, `Hemligt ${stamp}`, "TLP:RED");
    await page.goto(`/console/incidents/${secret}`);
    await page.locator("#exchange-export").getByRole("button", { name: w.check }).click();
    await expect(page.locator("#exchange-export")).toContainText(`${w.refused} (${w.redReason})`);
  });
}
