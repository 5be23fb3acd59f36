import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "../../../contract/constituency.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { constituencyClient, uniqueDomain } from "./constituency.test-fixtures.js";
import { sendContactVerifications } from "./verify-contacts.js";

const app = useTestApp();
const { call, createOrganisation } = constituencyClient(app);
let duty = "";

beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
});

async function mailTo(address: string) {
  return app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body"])
    .where(sql<boolean>`${address} = any(recipients)`)
    .orderBy("created_at")
    .execute();
}

const pass = () => {
  const { fyr, clock } = app();
  return sendContactVerifications({ db: fyr.deps.db, clock, config: fyr.deps.config });
};

describe("the contacts' yearly confirmation", () => {
  it("mails each unconfirmed contact a one-time link in their language; one click (POST) confirms", async () => {
    const sv = `sv-${uniqueDomain()}`.replace(".example", "@example.se");
    const en = `en-${uniqueDomain()}`.replace(".example", "@example.se");
    const org = await createOrganisation(duty, {
      name: "Bekräftas AB",
      contacts: [
        { email: sv, role: "abuse" },
        { email: en, role: "security", language: "en" },
      ],
    });
    // Enough passes to reach these two whatever else the file's tests left due.
    while ((await mailTo(sv)).length === 0 || (await mailTo(en)).length === 0) expect(await pass()).toBeGreaterThan(0);
    const [svMail] = await mailTo(sv);
    const [enMail] = await mailTo(en);
    expect(svMail?.subject).toBe("Stämmer era kontaktuppgifter? (Bekräftas AB)");
    expect(enMail?.subject).toBe("Are your contact details still right? (Bekräftas AB)");
    const token = /\/verify-contact\/([A-Za-z0-9_-]{43})/.exec(svMail?.text_body ?? "")?.[1] ?? "";
    expect(token).not.toBe("");
    // Only the hash is kept.
    const stored = await app().fyr.deps.db.selectFrom("contact_verifications").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    // Asked once: the next pass leaves them alone.
    await pass();
    expect(await mailTo(sv)).toHaveLength(1);

    // Opening the page confirms nothing; the button does.
    const page = await app().fyr.http.inject({ method: "GET", url: `/verify-contact/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Stämmer det att ${sv} är en kontakt för Bekräftas AB?`);
    expect(page.body).toContain(`<form method="post" action="/verify-contact/${token}">`);
    const before = (await call(duty, "GET", `/api/v1/organisations/${org.id}`)).json<Organisation>();
    expect(before.contacts.find((c) => c.email === sv)).toMatchObject({ lastVerifiedAt: null, unverified: true });

    const confirmed = await app().fyr.http.inject({
      method: "POST",
      url: `/verify-contact/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.body).toContain("Tack! Uppgifterna är bekräftade.");
    const after = (await call(duty, "GET", `/api/v1/organisations/${org.id}`)).json<Organisation>();
    expect(after.contacts.find((c) => c.email === sv)).toMatchObject({
      lastVerifiedAt: expect.any(String),
      unverified: false,
    });
    expect(after.contacts.find((c) => c.email === en)).toMatchObject({ unverified: true });

    const again = await app().fyr.http.inject({ method: "POST", url: `/verify-contact/${token}` });
    expect(again.statusCode).toBe(404);
    const bad = await app().fyr.http.inject({ method: "GET", url: "/verify-contact/nonsense" });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain("Länken gäller inte längre");
  });
});
