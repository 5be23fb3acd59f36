import { type Browser, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { openMenuIfFolded } from "./support.js";
import { E2E_USERS, type E2EUser, PASSWORD } from "./users.js";

// The constituency in the console: an admin creates an organisation with a network and a contact,
// finds it in the directory by an address inside the network and opens its page; an incident holding
// an address in that network gets the organisation suggested, and an analyst accepts it in one click.
// In Swedish and in English.

const WORDS = {
  sv: {
    nav: "Katalog",
    directory: "Katalog",
    new: "Ny organisation",
    create: "Skapa organisation",
    name: "Namn",
    networks: "Nät",
    email: "E-post",
    contactName: "Namn",
    search: "Sök i katalogen",
    searchButton: "Sök",
    contacts: "Kontakter",
    edit: (email: string) => `Ändra kontakten ${email}`,
    phone: "Telefon",
    saveContact: "Spara kontakten",
    affected: "Drabbade organisationer",
    accept: (name: string) => `Godta ${name}`,
    suggested: "Föreslagen",
    because: (ip: string, net: string) => `${ip} i ${net}`,
  },
  en: {
    nav: "Directory",
    directory: "Directory",
    new: "New organisation",
    create: "Create organisation",
    name: "Name",
    networks: "Networks",
    email: "E-mail",
    contactName: "Name",
    search: "Search the directory",
    searchButton: "Search",
    contacts: "Contacts",
    edit: (email: string) => `Edit the contact ${email}`,
    phone: "Phone",
    saveContact: "Save contact",
    affected: "Affected organisations",
    accept: (name: string) => `Accept ${name}`,
    suggested: "Suggested",
    because: (ip: string, net: string) => `${ip} in ${net}`,
  },
} as const;

/** Signs the page in through the API in `language`; answers the CSRF token for API writes. */
async function signInAs(page: Page, user: E2EUser, language: "sv" | "en"): Promise<string> {
  const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const patched = await page.request.patch("/api/v1/auth/me", {
    headers: { "x-csrf-token": csrfToken },
    data: { language },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  return csrfToken;
}

async function analystPage(browser: Browser, user: E2EUser, language: "sv" | "en") {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, csrf: await signInAs(page, user, language), close: () => context.close() };
}

for (const language of ["sv", "en"] as const) {
  test(`an organisation is created, found by an address and suggested on an incident (${language})`, async ({
    page,
    browser,
  }) => {
    const w = WORDS[language];
    const admin = language === "sv" ? E2E_USERS.constituency : E2E_USERS.constituencyEnglish;
    const analyst = language === "sv" ? E2E_USERS.constituencyAnalyst : E2E_USERS.constituencyAnalystEnglish;
    const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    // A network of its own per run, so runs and languages never match each other's organisations.
    const [b, c] = [1 + Math.floor(Math.random() * 250), 1 + Math.floor(Math.random() * 250)];
    const network = `10.${b}.${c}.0/24`;
    const inside = `10.${b}.${c}.77`;
    const name = `Exempelby ${language} ${tag}`;

    // The admin creates the organisation with a network and a contact.
    await signInAs(page, admin, language);
    await page.goto("/console");
    await openMenuIfFolded(page);
    await page.getByRole("navigation").getByRole("link", { name: w.nav, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: w.directory })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: w.new }).click();
    await expect(page.getByRole("heading", { level: 1, name: w.new })).toBeVisible();
    await page.getByLabel(w.name, { exact: true }).first().fill(name);
    await page.getByLabel(w.networks, { exact: true }).fill(network);
    await page.getByLabel(w.email, { exact: true }).fill(`abuse-${tag}@exempelby.example`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: w.create }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.locator("#cy-holdings")).toContainText(network);
    await expect(page.locator("#cy-contacts")).toContainText(`abuse-${tag}@exempelby.example`);
    // The contact is edited in place: a new address and a phone number.
    await page.getByRole("button", { name: w.edit(`abuse-${tag}@exempelby.example`) }).click();
    const editForm = page.getByRole("form", { name: w.edit(`abuse-${tag}@exempelby.example`) });
    await editForm.getByLabel(w.email, { exact: true }).fill(`soc-${tag}@exempelby.example`);
    await editForm.getByLabel(w.phone, { exact: true }).fill("+46 8 123 456");
    expect(await seriousViolations(page)).toEqual([]);
    await editForm.getByRole("button", { name: w.saveContact }).click();
    await expect(editForm).toHaveCount(0);
    await expect(page.locator("#cy-contacts")).toContainText(`soc-${tag}@exempelby.example`);
    await expect(page.locator("#cy-contacts")).toContainText("+46 8 123 456");

    // The directory finds it by an address inside the network.
    await page.goto("/console/organisations");
    await page.getByLabel(w.search).fill(inside);
    await page.getByRole("button", { name: w.searchButton, exact: true }).click();
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("heading", { name: w.contacts })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // An incident holding an address in the network: the analyst sees the organisation suggested, accepts it.
    const other = await analystPage(browser, analyst, language);
    try {
      const created = await other.page.request.post("/api/v1/incidents", {
        headers: { "x-csrf-token": other.csrf },
        data: { title: `Intrång ${tag}` },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { reference } = (await created.json()) as { reference: string };
      const added = await other.page.request.post(`/api/v1/incidents/${reference}/observables`, {
        headers: { "x-csrf-token": other.csrf },
        data: { value: inside },
      });
      expect(added.status(), await added.text()).toBe(201);
      await other.page.goto(`/console/incidents/${reference}`);
      const panel = other.page.locator("#incident-organisations");
      await expect(panel.getByRole("heading", { name: w.affected })).toBeVisible();
      await expect(panel).toContainText(w.because(inside, network));
      expect(await seriousViolations(other.page)).toEqual([]);
      await panel.getByRole("button", { name: w.accept(name) }).click();
      const linked = panel.getByRole("list").first();
      await expect(linked.getByRole("link", { name, exact: true })).toBeVisible();
      await expect(linked).toContainText(w.suggested);
      await expect(panel.getByRole("button", { name: w.accept(name) })).toHaveCount(0);
    } finally {
      await other.close();
    }
  });
}
