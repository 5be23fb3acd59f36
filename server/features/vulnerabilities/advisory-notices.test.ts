import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { constituencyClient } from "../constituency/constituency.test-fixtures.js";
import { type Team, caller, makeTeam, publishedAdvisory, writeCertKey } from "../advisories/test-fixtures.js";

// A published advisory naming a product an organisation declared tells its security contacts, in their
// language, once per revision, audited; only TLP:CLEAR and TLP:GREEN advisories are told.

const dir = mkdtempSync(join(tmpdir(), "fyr-advisory-notices-"));
const env: Record<string, string> = { FYR_PUBLIC_URL: "https://cert.example.se", FYR_CERT_NAME: "CERT-SE" };
beforeAll(async () => {
  env.FYR_PGP_KEY_FILE = (await writeCertKey(dir)).file;
});
const app = useTestApp(env);
afterAll(() => rm(dir, { recursive: true, force: true }));
const call = caller(app);
const { call: orgCall, createOrganisation } = constituencyClient(app);
let team: Team;
let duty = "";
beforeAll(async () => {
  team = await makeTeam(app());
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
});

const outboxTo = (address: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body", "headers"])
    .where((eb) => eb(eb.val(address), "=", eb.fn.any("recipients")))
    .orderBy("created_at")
    .execute();

/** An organisation running `vendor`'s `product`, with a security contact per language given. */
async function runningOrganisation(vendor: string, product: string, languages: ("sv" | "en")[]) {
  const org = await createOrganisation(duty);
  const emails: Record<string, string> = {};
  for (const language of languages) {
    const email = `security-${language}-${org.id.slice(0, 8)}@kommun.example`;
    emails[language] = email;
    const res = await orgCall(duty, "POST", `/api/v1/organisations/${org.id}/contacts`, {
      email,
      role: "security",
      language,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const declared = await orgCall(team.analyst, "POST", `/api/v1/organisations/${org.id}/products`, { vendor, product });
  expect(declared.statusCode, declared.body).toBe(201);
  return { org, emails };
}

const auditOf = (organisationId: string) =>
  app()
    .fyr.deps.db.selectFrom("audit_log")
    .select(["action", "diff"])
    .where("target_id", "=", organisationId)
    .where("action", "=", "vulnerability.advisory_notice_sent")
    .execute();

describe("advisory notices to organisations running its products", () => {
  it("tells each security contact in its language once per revision, and again as an update", async () => {
    const vendor = `Exempel ${Math.random().toString(36).slice(2, 8)} AB`;
    const { org, emails } = await runningOrganisation(vendor, "Exempel VPN", ["sv", "en"]);
    const other = await runningOrganisation(`Annan ${vendor}`, "Exempel VPN", ["sv"]);
    const { id, trackingId } = await publishedAdvisory(call, team, {
      products: [{ vendor, product: "Exempel VPN", versions: ["10.2.8"] }],
    });

    const sv = await outboxTo(emails.sv ?? "");
    expect(sv.map((m) => m.subject)).toEqual([
      `[${trackingId}] Säkerhetsmeddelande om en produkt ni använder: Kritisk sårbarhet i Exempel VPN`,
    ]);
    expect(sv[0]?.text_body).toContain(`${vendor} Exempel VPN`);
    expect(sv[0]?.text_body).toContain(`https://cert.example.se/advisories/${trackingId}?lang=sv`);
    const en = await outboxTo(emails.en ?? "");
    expect(en.map((m) => m.subject)).toEqual([
      `[${trackingId}] Advisory about a product you run: Critical vulnerability in Example VPN`,
    ]);
    expect(en[0]?.text_body).toContain("Example AB has fixed an actively exploited vulnerability.");
    expect(await outboxTo(other.emails.sv ?? "")).toEqual([]);
    expect(await auditOf(org.id)).toEqual([
      {
        action: "vulnerability.advisory_notice_sent",
        diff: expect.objectContaining({ advisory: trackingId, revision: 1, recipients: 2 }),
      },
    ]);

    // Publishing the same revision cannot happen twice; a new revision tells them again, as an update.
    const opened = await call("POST", `/api/v1/advisories/${id}/revisions`, team.author, { summary: "Fler versioner" });
    expect(opened.statusCode).toBe(200);
    for (const [step, token] of [
      ["submit", team.author],
      ["approve", team.reviewer],
      ["publish", team.reviewer],
    ] as const)
      expect((await call("POST", `/api/v1/advisories/${id}/${step}`, token, {})).statusCode).toBe(200);
    const after = await outboxTo(emails.sv ?? "");
    expect(after.map((m) => m.subject)).toEqual([
      `[${trackingId}] Säkerhetsmeddelande om en produkt ni använder: Kritisk sårbarhet i Exempel VPN`,
      `[${trackingId}] Uppdaterad: Säkerhetsmeddelande om en produkt ni använder: Kritisk sårbarhet i Exempel VPN`,
    ]);
    expect(await auditOf(org.id)).toHaveLength(2);
    const rows = await app()
      .fyr.deps.db.selectFrom("advisory_product_notices")
      .select(["revision", "mail_id"])
      .where("organisation_id", "=", org.id)
      .orderBy("revision")
      .execute();
    expect(rows).toEqual([
      { revision: 1, mail_id: expect.any(String) },
      { revision: 2, mail_id: expect.any(String) },
    ]);
  });

  it("tells nobody of a TLP:AMBER advisory, and tells GREEN ones", async () => {
    const vendor = `Tlp ${Math.random().toString(36).slice(2, 8)} AB`;
    const { emails } = await runningOrganisation(vendor, "*", ["sv"]);
    await publishedAdvisory(call, team, { tlp: "TLP:AMBER", products: [{ vendor, product: "Router" }] });
    expect(await outboxTo(emails.sv ?? "")).toEqual([]);
    const green = await publishedAdvisory(call, team, { tlp: "TLP:GREEN", products: [{ vendor, product: "Router" }] });
    expect((await outboxTo(emails.sv ?? "")).map((m) => m.subject)).toEqual([
      `[${green.trackingId}] Säkerhetsmeddelande om en produkt ni använder: Kritisk sårbarhet i Exempel VPN`,
    ]);
  });
});
