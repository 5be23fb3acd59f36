import { type Page, expect, test } from "@playwright/test";
import { CONSOLE_ROUTES } from "../../web/console/routes.js";
import { fileReport, fullReport } from "./reporting.js";
import { PASSWORD, E2E_USERS } from "./users.js";

// The console on a phone (390×844): every page in the console's route table fits the screen —
// nothing wider than the viewport, tables scroll inside their card — and the navigation folds
// into a menu button. The route list comes from web/console/routes.ts, so a new page is covered.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const user = E2E_USERS.phone;
const PHONE_WIDTH = 390;

/** Signs in through the API (the page's cookies) in `language`; answers the CSRF token. */
async function signInAs(page: Page, language: "sv" | "en"): Promise<void> {
  const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const patched = await page.request.patch("/api/v1/auth/me", {
    headers: { "x-csrf-token": csrfToken },
    data: { language },
  });
  expect(patched.status(), await patched.text()).toBe(200);
}

interface Refs {
  report: string;
  incident: string;
  file: string;
  rule: string;
  organisation: string;
  coordination: string;
  advisory: string;
  forum: string;
}

/** A report, an incident, a file, a YARA rule and an organisation for the pages that show one (`:reference`, `:id` in the table). */
async function caseReferences(page: Page): Promise<Refs> {
  const marker = `phone${Date.now().toString(36)}`;
  // A long unbroken word: the report page must wrap it, not widen.
  const report = await fileReport(page.request, {
    ...fullReport(marker),
    whatHappened: `https://very-long-host-name-${marker}.example.se/${"x".repeat(120)} krypterade filservern.`,
  });
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const created = await page.request.post("/api/v1/incidents", {
    headers: { "x-csrf-token": me.csrfToken },
    data: {
      title: `Telefonincident ${marker} med en ganska lång rubrik som ska radbrytas`,
      reports: [report.reference],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const incident = (await created.json()) as { reference: string };
  // A file with a long unbroken name on the incident, for the file page.
  const uploaded = await page.request.post(`/api/v1/incidents/${incident.reference}/attachments`, {
    headers: { "x-csrf-token": me.csrfToken },
    multipart: {
      file: {
        name: `${"minnesdump-".repeat(8)}${marker}.raw`,
        mimeType: "application/octet-stream",
        buffer: Buffer.from(marker),
      },
    },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const file = ((await uploaded.json()) as { items: { id: string }[] }).items[0]?.id ?? "";
  const rule = await page.request.post("/api/v1/yara/rules", {
    headers: { "x-csrf-token": me.csrfToken },
    data: {
      name: `Telefonregel ${marker} med ett ganska långt namn`,
      source: `rule phone_${marker} { strings: $a = "${marker}" condition: $a }`,
    },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  const { id } = (await rule.json()) as { id: string };
  // An organisation with a long name, a long domain and a contact, for the organisation page.
  const organisation = await page.request.post("/api/v1/organisations", {
    headers: { "x-csrf-token": me.csrfToken },
    data: {
      name: `Telefonorganisation ${marker} med ett ganska långt namn som ska radbrytas`,
      networks: ["2001:db8:abcd:1234::/64", "198.51.100.7 - 198.51.100.20"],
      domains: [`ett-mycket-langt-domannamn-${marker}.example.se`],
      contacts: [{ email: `abuse-${marker}@example.se`, role: "abuse", phone: "+46 8 123 456" }],
    },
  });
  expect(organisation.status(), await organisation.text()).toBe(201);
  const org = ((await organisation.json()) as { id: string }).id;
  // A coordination case, an advisory and a forum with long titles, for their pages.
  const headers = { "x-csrf-token": me.csrfToken };
  const coordination = await page.request.post("/api/v1/coordination/cases", {
    headers,
    data: { title: `Telefonsamordning ${marker} med en ganska lång rubrik`, tlp: "TLP:AMBER" },
  });
  expect(coordination.status(), await coordination.text()).toBe(201);
  const advisory = await page.request.post("/api/v1/advisories", {
    headers,
    data: {
      language: "sv",
      kind: "advisory",
      title: `Telefonbulletin ${marker} med en ganska lång rubrik som ska radbrytas`,
      summary: "Sammanfattning.",
      body: "Text.",
      tlp: "TLP:CLEAR",
    },
  });
  expect(advisory.status(), await advisory.text()).toBe(201);
  const forum = await page.request.post("/api/v1/forums", {
    headers,
    data: { name: `Telefonforum ${marker} med ett ganska långt namn`, kind: "sector" },
  });
  expect(forum.status(), await forum.text()).toBe(201);
  return {
    report: report.reference,
    incident: incident.reference,
    file,
    rule: id,
    organisation: org,
    coordination: ((await coordination.json()) as { reference: string }).reference,
    advisory: ((await advisory.json()) as { id: string }).id,
    forum: ((await forum.json()) as { id: string }).id,
  };
}

function concretePath(path: string, refs: Refs): string {
  if (path === "/console/reports/:reference") return `/console/reports/${refs.report}`;
  if (path === "/console/incidents/:reference") return `/console/incidents/${refs.incident}`;
  if (path === "/console/files/:id") return `/console/files/${refs.file}`;
  if (path === "/console/yara/:id") return `/console/yara/${refs.rule}`;
  if (path === "/console/yara/:id/edit") return `/console/yara/${refs.rule}/edit`;
  if (path === "/console/organisations/:id/members") return `/console/organisations/${refs.organisation}/members`;
  if (path === "/console/organisations/:id") return `/console/organisations/${refs.organisation}`;
  // Imported before the server started (server.ts), so the page has a record, KEV entry and EPSS days.
  if (path === "/console/vulnerabilities/:cve") return "/console/vulnerabilities/CVE-2025-0108";
  if (path === "/console/statistics/report/:year") return "/console/statistics/report/2026";
  if (path === "/console/coordination/:reference") return `/console/coordination/${refs.coordination}`;
  if (path === "/console/advisories/:id") return `/console/advisories/${refs.advisory}`;
  if (path === "/console/forums/:id") return `/console/forums/${refs.forum}`;
  if (path.includes(":")) throw new Error(`phone.spec.ts: no sample value for ${path}; add one here`);
  return path;
}

/** The page's width, and (to say what to fix) the innermost elements reaching past the screen. */
async function pageWidth(page: Page): Promise<{ scroll: number; wide: string[] }> {
  return page.evaluate((limit) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > limit + 0.5))
      .slice(0, 5)
      .map((el) => {
        const name = (e: Element | null) => (e ? `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}` : "");
        const text = (el.textContent ?? "").trim().slice(0, 30);
        return `${name(el.parentElement)} > ${name(el)} "${text}" (${Math.round(el.getBoundingClientRect().right)} px)`;
      });
    return { scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), wide };
  }, PHONE_WIDTH);
}

for (const language of ["sv", "en"] as const) {
  test(`every console page fits a 390 px phone (${language})`, async ({ page }) => {
    await signInAs(page, language);
    const refs = await caseReferences(page);
    const menu = language === "sv" ? "Meny" : "Menu";
    const notFound = language === "sv" ? "Sidan finns inte" : "Page not found";

    for (const route of CONSOLE_ROUTES) {
      const path = concretePath(route.path, refs);
      await page.goto(path);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading, path).toBeVisible();
      await expect(heading, path).not.toHaveText(notFound);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html"), path).toHaveAttribute("lang", language);
      // Against the phone's width, not innerWidth: a mobile browser may zoom out to a page too wide.
      const { scroll, wide } = await pageWidth(page);
      expect(
        scroll,
        `${path} is ${scroll} px wide on a ${PHONE_WIDTH} px screen: ${wide.join(", ")}`,
      ).toBeLessThanOrEqual(PHONE_WIDTH);
    }

    // The navigation is folded behind the menu button, and opens as a list that fits too.
    await page.goto("/console/reports");
    const nav = page.getByRole("navigation", { name: language === "sv" ? "Huvudmeny" : "Main menu" });
    await expect(nav).toBeHidden();
    // Folded, it leaves no gap: the page's heading comes right under the top bar.
    const top = (await page.getByRole("heading", { level: 1 }).boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    expect(top).toBeLessThan(120);
    const button = page.getByRole("button", { name: menu });
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    expect((await pageWidth(page)).scroll).toBeLessThanOrEqual(PHONE_WIDTH);
    // Following a link opens the page and folds the menu again.
    await nav.getByRole("link", { name: language === "sv" ? "Incidenter" : "Incidents", exact: true }).click();
    await expect(page).toHaveURL(/\/console\/incidents$/);
    await expect(nav).toBeHidden();
    await expect(button).toHaveAttribute("aria-expanded", "false");

    // A wide table scrolls inside its card: the card is no wider than the screen.
    const table = page.locator(".table-wrap").first();
    await expect(table).toBeVisible();
    const box = await table.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE_WIDTH);
  });
}

test("on a desktop the navigation is always there and the menu button is not", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, "sv");
  await page.goto("/console");
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Meny" })).toBeHidden();
  await context.close();
});
