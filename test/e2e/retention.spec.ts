import { type Browser, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { openNav } from "./support.js";
import { E2E_USERS, type E2EUser, PASSWORD } from "./users.js";

// Issue 18's remaining screens, in Swedish and English: an administrator sees every trigger's
// escalation policy and adds a per-sector one, plans a weekly rota pattern and takes one date out,
// places and lifts a legal hold on an incident, and reads the yearly retention report.

const WORDS = {
  sv: {
    policiesNav: "Eskaleringsregler",
    policies: "Regler",
    trigger: "Utlösare",
    triggers: ["Okvitterad rapport", "CERT:ens NIS2-tidsfrist", "Kritiskt fynd i flöde", "Driftlarm"],
    form: "Ändra eller lägg till en regel",
    id: "Namn",
    sectors: "Sektorer",
    steps: /^Steg, ett per rad/,
    loops: "Antal varv genom stegen",
    save: "Spara regel",
    saved: (id: string) => `Regeln ${id} är sparad.`,
    badLine: 'Rad 2 är inte "minuter vem kanaler".',
    patternsNav: "Veckoschema",
    create: "Nytt veckomönster",
    who: "Jourhavande",
    weekday: "Veckodag",
    wednesday: "onsdag",
    from: "Gäller från",
    until: "Gäller till",
    createButton: "Skapa mönster",
    created: /Mönstret är skapat med \d+ pass\./,
    exceptionFor: (name: string) => `Undantag för ${name}`,
    date: "Datum utan pass",
    addException: "Lägg till ett undantag",
    exceptionSaved: (date: string) => `Undantaget är sparat: inget pass ${date}.`,
    hold: "Bevarandebeslut",
    reason: "Skäl (t.ex. förundersökning, dess diarienummer)",
    place: "Besluta om bevarande",
    placed: "Ärendet bevaras.",
    lift: "Häv bevarandet",
    lifted: "Bevarandet är hävt.",
    none: /Inget bevarandebeslut/,
    retentionNav: "Gallring",
    removed: (year: number) => `Borttaget ${year}`,
    contacts: "Rapportörers kontaktuppgifter",
    holds: "Bevarandebeslut",
  },
  en: {
    policiesNav: "Escalation policies",
    policies: "Policies",
    trigger: "Trigger",
    triggers: ["Unacknowledged report", "The CERT's NIS2 deadline", "Critical feed finding", "Operations alarm"],
    form: "Edit or add a policy",
    id: "Name",
    sectors: "Sectors",
    steps: /^Steps, one a line/,
    loops: "Times through the steps",
    save: "Save policy",
    saved: (id: string) => `Policy ${id} saved.`,
    badLine: 'Line 2 is not "minutes whom channels".',
    patternsNav: "Weekly rota",
    create: "New weekly pattern",
    who: "Officer",
    weekday: "Weekday",
    wednesday: "Wednesday",
    from: "Valid from",
    until: "Valid until",
    createButton: "Create pattern",
    created: /Pattern created with \d+ shifts\./,
    exceptionFor: (name: string) => `Exception for ${name}`,
    date: "Date without a shift",
    addException: "Add an exception",
    exceptionSaved: (date: string) => `Exception saved: no shift on ${date}.`,
    hold: "Legal hold",
    reason: "Reason (e.g. preliminary investigation, its reference)",
    place: "Place legal hold",
    placed: "Legal hold placed.",
    lift: "Lift legal hold",
    lifted: "Legal hold lifted.",
    none: /No legal hold/,
    retentionNav: "Retention",
    removed: (year: number) => `Removed in ${year}`,
    contacts: "Reporters' contact details",
    holds: "Legal holds",
  },
} as const;

const CAST = {
  sv: { admin: E2E_USERS.oncallAdmin, officer: E2E_USERS.duty },
  en: { admin: E2E_USERS.oncallAdminEnglish, officer: E2E_USERS.wordingEnglish },
} as const;

async function signedIn(browser: Browser, user: E2EUser, language: "sv" | "en"): Promise<{ page: Page; csrf: string }> {
  const page = await (await browser.newContext()).newPage();
  const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const patched = await page.request.patch("/api/v1/auth/me", {
    headers: { "x-csrf-token": csrfToken },
    data: { language },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  await page.goto("/console");
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  return { page, csrf: csrfToken };
}

/** A date `days` from now, as a date field takes it. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

for (const language of ["sv", "en"] as const) {
  const w = WORDS[language];
  const cast = CAST[language];

  test(`policies for every trigger, a weekly pattern, a legal hold and the retention report (${language})`, async ({
    browser,
  }) => {
    const { page, csrf } = await signedIn(browser, cast.admin, language);

    // Every trigger has its default policy; the admin adds one for the energy sector.
    await openNav(page, w.policiesNav);
    const table = page.getByRole("table", { name: w.policies });
    for (const trigger of w.triggers) await expect(table).toContainText(trigger);
    const form = page.getByRole("region", { name: w.form });
    const id = `energy-${language}`;
    await form.getByLabel(w.id).fill(id);
    await form.getByLabel(w.sectors).fill("energy");
    await form.getByLabel(w.steps).fill("0 primary email sms\nsoon everyone");
    await form.getByRole("button", { name: w.save }).click();
    await expect(form.getByRole("alert")).toHaveText(w.badLine);
    await form.getByLabel(w.steps).fill("0 primary email sms\n5 all-duty webhook");
    await form.getByLabel(w.loops).fill("2");
    await form.getByRole("button", { name: w.save }).click();
    await expect(form.getByText(w.saved(id))).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: id })).toContainText("energy");
    expect(await seriousViolations(page)).toEqual([]);

    // A weekly pattern on Wednesdays for four weeks from next week; one Wednesday taken out.
    await openNav(page, w.patternsNav);
    const create = page.getByRole("region", { name: w.create });
    await create.getByLabel(w.who).selectOption({ label: cast.officer.name });
    await create.getByLabel(w.weekday).selectOption({ label: w.wednesday });
    await create.getByLabel(w.from).fill(dayFromNow(7));
    await create.getByLabel(w.until).fill(dayFromNow(35));
    await create.getByRole("button", { name: w.createButton }).click();
    await expect(create.getByText(w.created)).toBeVisible();
    const card = page.getByRole("article", { name: w.exceptionFor(cast.officer.name) }).first();
    await expect(card).toBeVisible();
    const wednesdays = [...Array(40).keys()].map((d) => dayFromNow(d)).filter((d) => new Date(d).getUTCDay() === 3);
    const skip = wednesdays.find((d) => d >= dayFromNow(14)) ?? "";
    await card.getByLabel(w.date).fill(skip);
    await card.getByRole("button", { name: w.addException }).click();
    await expect(card.getByText(w.exceptionSaved(skip))).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A legal hold on an incident: placed with a reason, shown, lifted.
    const created = await page.request.post("/api/v1/incidents", {
      headers: { "x-csrf-token": csrf },
      data: { title: `Förundersökning ${language} ${Date.now().toString(36)}` },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    await page.goto(`/console/incidents/${reference}`);
    const hold = page.getByRole("region", { name: w.hold });
    await expect(hold).toContainText(w.none);
    await hold.getByLabel(w.reason).fill("Polismyndigheten 5000-K123-26");
    await hold.getByRole("button", { name: w.place }).click();
    await expect(hold.getByText(w.placed)).toBeVisible();
    await expect(hold).toContainText("Polismyndigheten 5000-K123-26");
    await expect(hold).toContainText(cast.admin.name);
    expect(await seriousViolations(page)).toEqual([]);

    // The retention report lists the hold; then the hold is lifted.
    await openNav(page, w.retentionNav);
    const year = new Date().getFullYear();
    await expect(page.getByRole("table", { name: w.removed(year) })).toContainText(w.contacts);
    await expect(page.getByRole("table", { name: w.holds })).toContainText(reference);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/console/incidents/${reference}`);
    await hold.getByRole("button", { name: w.lift }).click();
    await expect(hold.getByText(w.lifted)).toBeVisible();
    await expect(hold).toContainText(w.none);
    await page.context().close();
  });
}
