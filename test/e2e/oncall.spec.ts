import { type Browser, type Locator, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { openNav } from "./support.js";
import { E2E_USERS, type E2EUser, PASSWORD } from "./users.js";

// The duty screens (issue 18): an administrator plans a shift and edits the escalation policy; the
// officer on the shift asks a colleague to take it, the colleague accepts; the outgoing officer writes
// the pre-filled handover and the incoming one acknowledges it. In Swedish and in English.

const WORDS = {
  sv: {
    rota: "Jourschema",
    plan: "Planera ett pass",
    who: "Jourhavande",
    role: "Roll",
    backup: "Reserv",
    starts: "Börjar",
    ends: "Slutar",
    addShift: "Lägg till pass",
    shiftAdded: "Passet är tillagt.",
    week: "Veckans jourpass",
    onDuty: "I tjänst nu",
    mine: "Mitt pass",
    swapWith: "Byt med",
    askSwap: "Be om byte",
    swapAsked: "Byte begärt.",
    swaps: "Byten",
    accept: "Godkänn",
    accepted: "Godkänt",
    escalation: "Eskalering",
    policy: "Regel för okvitterade rapporter",
    addStep: "Lägg till steg",
    step: (n: number) => `Steg ${n}`,
    wait: "Vänta (minuter)",
    notify: "Larma",
    everyone: "Alla i tjänst",
    sms: "SMS",
    loops: "Antal varv genom stegen",
    save: "Spara regel",
    saved: "Regeln är sparad.",
    handover: "Överlämning",
    incoming: "Tillträdande jourhavande",
    note: "Anteckning",
    prefilled: "Rapporter som väntar:",
    handOver: "Lämna över",
    written: "Överlämningen är skriven.",
    ackHandover: "Kvittera överlämning",
    acknowledged: "Kvitterad",
    phones: "SMS-nummer",
    phoneOf: (name: string) => `SMS-nummer för ${name}`,
    savePhone: "Spara nummer",
    phoneSaved: (name: string) => `Numret för ${name} är sparat.`,
  },
  en: {
    rota: "Duty rota",
    plan: "Plan a shift",
    who: "Officer",
    role: "Role",
    backup: "Backup",
    starts: "Starts",
    ends: "Ends",
    addShift: "Add shift",
    shiftAdded: "Shift added.",
    week: "Shifts this week",
    onDuty: "On duty now",
    mine: "My shift",
    swapWith: "Swap with",
    askSwap: "Ask to swap",
    swapAsked: "Swap requested.",
    swaps: "Swaps",
    accept: "Accept",
    accepted: "Accepted",
    escalation: "Escalation",
    policy: "Policy for unacknowledged reports",
    addStep: "Add step",
    step: (n: number) => `Step ${n}`,
    wait: "Wait (minutes)",
    notify: "Notify",
    everyone: "Everyone on duty",
    sms: "SMS",
    loops: "Times through the steps",
    save: "Save policy",
    saved: "Policy saved.",
    handover: "Handover",
    incoming: "Incoming officer",
    note: "Note",
    prefilled: "Reports waiting:",
    handOver: "Hand over",
    written: "Handover written.",
    ackHandover: "Acknowledge handover",
    acknowledged: "Acknowledged",
    phones: "SMS numbers",
    phoneOf: (name: string) => `SMS number of ${name}`,
    savePhone: "Save number",
    phoneSaved: (name: string) => `The number of ${name} is saved.`,
  },
} as const;

const CAST = {
  sv: { admin: E2E_USERS.oncallAdmin, out: E2E_USERS.oncallOut, incoming: E2E_USERS.oncallIn },
  en: { admin: E2E_USERS.oncallAdminEnglish, out: E2E_USERS.oncallOutEnglish, incoming: E2E_USERS.oncallInEnglish },
} as const;

/** A page of its own for `user`, signed in (through the API, on the page's cookies) in `language`. */
async function signedIn(browser: Browser, user: E2EUser, language: "sv" | "en"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
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
  return page;
}

/** A datetime-local value ("2026-12-03T14:05") for `at`, in Stockholm wall time as the console reads it. */
function stockholmLocal(at: Date): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** The rows of the week's table whose officer is `name` (the swap column's lists name everyone). */
function shiftsOf(table: Locator, name: string): Locator {
  return table.getByRole("row").filter({ has: table.page().getByRole("cell", { name: new RegExp(`^${name}`) }) });
}

for (const language of ["sv", "en"] as const) {
  const w = WORDS[language];
  const cast = CAST[language];

  test(`rota, a swap, the escalation policy and a handover (${language})`, async ({ browser }) => {
    // The administrator plans a backup shift for the outgoing officer, from a minute ago for eight hours.
    const admin = await signedIn(browser, cast.admin, language);
    await openNav(admin, w.rota);
    const plan = admin.getByRole("region", { name: w.plan });
    await plan.getByLabel(w.who).selectOption({ label: cast.out.name });
    await plan.getByLabel(w.role).selectOption({ label: w.backup });
    const now = Date.now();
    await plan.getByLabel(w.starts).fill(stockholmLocal(new Date(now - 60_000)));
    await plan.getByLabel(w.ends).fill(stockholmLocal(new Date(now + 8 * 3_600_000)));
    await plan.getByRole("button", { name: w.addShift }).click();
    await expect(plan.getByText(w.shiftAdded)).toBeVisible();
    const shifts = admin.getByRole("table", { name: w.week });
    await expect(shiftsOf(shifts, cast.out.name)).toHaveCount(1);
    await expect(admin.getByRole("region", { name: w.onDuty })).toContainText(cast.out.name);
    // The officer's number for SMS pages.
    const phone = admin.getByRole("region", { name: w.phones });
    const phoneForm = phone.locator("form").filter({ has: admin.getByLabel(w.phoneOf(cast.out.name)) });
    await phoneForm.getByLabel(w.phoneOf(cast.out.name)).fill("+46701234567");
    await phoneForm.getByRole("button", { name: w.savePhone }).click();
    await expect(phone.getByText(w.phoneSaved(cast.out.name))).toBeVisible();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.reload();
    await expect(admin.getByLabel(w.phoneOf(cast.out.name))).toHaveValue("+46701234567");

    // The escalation policy: a step that pages everyone on duty by mail and SMS after 15 minutes, two loops.
    await openNav(admin, w.escalation);
    const policy = admin.getByRole("region", { name: w.policy });
    // The saved policy first (the other language's run may have saved steps), then one more step.
    await admin.waitForLoadState("networkidle");
    const before = await policy.getByRole("group").count();
    await policy.getByRole("button", { name: w.addStep }).click();
    const step = policy.getByRole("group", { name: w.step(before + 1), exact: true });
    await step.getByLabel(w.wait).fill("15");
    await step.getByLabel(w.notify).selectOption({ label: w.everyone });
    await step.getByLabel(w.sms).check();
    await policy.getByLabel(w.loops).fill("2");
    await policy.getByRole("button", { name: w.save }).click();
    await expect(policy.getByText(w.saved)).toBeVisible();
    await admin.reload();
    const saved = admin.getByRole("group", { name: w.step(before + 1), exact: true });
    await expect(saved.getByLabel(w.wait)).toHaveValue("15");
    await expect(saved.getByLabel(w.notify)).toHaveValue("all-duty");
    await expect(saved.getByLabel(w.sms)).toBeChecked();
    await expect(admin.getByLabel(w.loops)).toHaveValue("2");
    expect(await seriousViolations(admin)).toEqual([]);

    // The outgoing officer asks the incoming one to take the shift.
    const out = await signedIn(browser, cast.out, language);
    await openNav(out, w.rota);
    const mine = shiftsOf(out.getByRole("table", { name: w.week }), cast.out.name).filter({ hasText: w.mine });
    await expect(mine).toHaveCount(1);
    await mine.getByLabel(w.swapWith).selectOption({ label: cast.incoming.name });
    await mine.getByRole("button", { name: w.askSwap }).click();
    await expect(out.getByText(w.swapAsked)).toBeVisible();

    // The incoming officer accepts: the shift is theirs.
    const incoming = await signedIn(browser, cast.incoming, language);
    await openNav(incoming, w.rota);
    const request = incoming.getByRole("region", { name: w.swaps }).getByRole("row").filter({ hasText: cast.out.name });
    await request.getByRole("button", { name: w.accept }).click();
    await expect(request).toContainText(w.accepted);
    const taken = shiftsOf(incoming.getByRole("table", { name: w.week }), cast.incoming.name).filter({
      hasText: w.mine,
    });
    await expect(taken).toHaveCount(1);
    expect(await seriousViolations(incoming)).toEqual([]);

    // The outgoing officer hands over (the note starts pre-filled); the incoming one acknowledges.
    await openNav(out, w.handover);
    const note = out.getByLabel(w.note);
    await expect(note).toHaveValue(new RegExp(w.prefilled));
    await note.fill(`${await note.inputValue()}\nRing driftledningen kl 07 / call operations at 7.`);
    await out.getByLabel(w.incoming).selectOption({ label: cast.incoming.name });
    await out.getByRole("button", { name: w.handOver }).click();
    await expect(out.getByText(w.written)).toBeVisible();
    expect(await seriousViolations(out)).toEqual([]);

    await openNav(incoming, w.handover);
    const card = incoming
      .locator("article")
      .filter({ hasText: `${cast.out.name} → ${cast.incoming.name}` })
      .first();
    await expect(card).toContainText("Ring driftledningen kl 07");
    await card.getByRole("button", { name: w.ackHandover }).click();
    await expect(card).toContainText(w.acknowledged);
    expect(await seriousViolations(incoming)).toEqual([]);

    for (const p of [admin, out, incoming]) await p.context().close();
  });
}
