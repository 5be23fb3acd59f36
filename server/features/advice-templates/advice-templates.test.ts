import { beforeAll, describe, expect, it } from "vitest";
import type { AdviceRendered, AdviceTemplate, AdviceTemplateList } from "../../../contract/advice-templates.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { fileTestReport, insertTestIncident, linkTestReport } from "../incidents/correspondence/test-fixtures.js";

const app = useTestApp({
  FYR_MAIL_FROM: "cert@cert.example",
  FYR_CERT_NAME: "CERT-X",
  FYR_CERT_PHONE: "+46 8 123 45 67",
  FYR_CERT_WEB: "https://cert.example/",
});
let analyst = "";
let admin = "";
let observer = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, token: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const render = (payload: object, token = analyst) => call("POST", "/api/v1/advice-templates/render", token, payload);

describe("advice templates", () => {
  it("ships the defaults in Swedish and English", async () => {
    const res = await call("GET", "/api/v1/advice-templates", analyst);
    expect(res.statusCode).toBe(200);
    const { items } = res.json<AdviceTemplateList>();
    const keys = [
      "incident-acknowledgement",
      "request-logs",
      "ransomware-first-advice",
      "phishing-advice",
      "third-party-notice",
      "closing",
    ];
    for (const key of keys) {
      expect(
        items
          .filter((t) => t.key === key)
          .map((t) => t.language)
          .sort(),
      ).toEqual(["en", "sv"]);
    }
    const swedish = items
      .filter((t) => t.language === "sv")
      .map((t) => t.body)
      .join("\n");
    expect(swedish).toMatch(/å/);
    expect(swedish).toMatch(/ä/);
    expect(swedish).toMatch(/ö/);
    // Replies thread by our reply token, not the subject: no default asks to keep the reference there.
    expect(items.map((t) => t.body).join("\n")).not.toMatch(/ämnesraden|subject line/i);
    const sv = await call("GET", "/api/v1/advice-templates?language=sv", analyst);
    expect(sv.json<AdviceTemplateList>().items.every((t) => t.language === "sv")).toBe(true);
  });

  it("fills placeholders from an incident and lists what it could not fill", async () => {
    const report = await fileTestReport(app());
    const incident = await insertTestIncident(app().fyr.deps.db, { title: "Ransomware hos Exempel AB" });
    await linkTestReport(app().fyr.deps.db, incident.id, report.reference);
    const res = await render({ key: "ransomware-first-advice", language: "sv", incident: incident.reference });
    expect(res.statusCode).toBe(200);
    const filled = res.json<AdviceRendered>();
    expect(filled.body).toContain("Hej Anna Andersson,");
    expect(filled.body).toContain(incident.reference);
    // Signed as configured: name, telephone around the clock, web.
    expect(filled.body).toMatch(/CERT-X\nTelefon \(dygnet runt\): \+46 8 123 45 67\ncert\.example$/);
    expect(filled.body).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(filled.warnings).toEqual([]);

    const created = await call("POST", "/api/v1/advice-templates", admin, {
      key: `test-${Date.now()}`,
      language: "en",
      name: "Test",
      subject: "About {title}",
      body: "Dear {reporterName}, {organisation}: see {ticketUrl}.",
    });
    expect(created.statusCode).toBe(201);
    const template = created.json<AdviceTemplate>();
    const bare = await insertTestIncident(app().fyr.deps.db, { title: "Nätfiske" });
    const partial = (
      await render({ key: template.key, language: "en", incident: bare.reference })
    ).json<AdviceRendered>();
    expect(partial.subject).toBe("About Nätfiske");
    expect(partial.body).toBe("Dear {reporterName}, {organisation}: see {ticketUrl}.");
    expect(partial.warnings).toEqual([
      { placeholder: "reporterName", problem: "empty" },
      { placeholder: "organisation", problem: "empty" },
      { placeholder: "ticketUrl", problem: "unknown" },
    ]);
  });

  it("lets admins create, change and delete templates, and nobody else", async () => {
    const key = `egen-${Date.now()}`;
    const body = { key, language: "sv", name: "Egen", subject: "Ämne", body: "Hej {reporterName}!" };
    expect((await call("POST", "/api/v1/advice-templates", analyst, body)).statusCode).toBe(403);
    const created = await call("POST", "/api/v1/advice-templates", admin, body);
    expect(created.statusCode).toBe(201);
    const { id } = created.json<AdviceTemplate>();
    expect((await call("POST", "/api/v1/advice-templates", admin, body)).json()).toMatchObject({
      code: "advice_template_exists",
    });
    expect((await call("PATCH", `/api/v1/advice-templates/${id}`, analyst, { name: "X" })).statusCode).toBe(403);
    const patched = await call("PATCH", `/api/v1/advice-templates/${id}`, admin, { subject: "Nytt ämne" });
    expect(patched.json<AdviceTemplate>()).toMatchObject({ subject: "Nytt ämne", body: "Hej {reporterName}!" });
    const bad = await call("POST", "/api/v1/advice-templates", admin, { key: "Stora Bokstäver", language: "de" });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["body.key", "body.language", "body.name", "body.subject", "body.body"]),
    );
    expect((await call("DELETE", `/api/v1/advice-templates/${id}`, admin)).statusCode).toBe(204);
    expect((await call("DELETE", `/api/v1/advice-templates/${id}`, admin)).statusCode).toBe(404);
  });

  it("keeps observers out and a TLP:RED incident hidden from a non-member (404)", async () => {
    expect((await call("GET", "/api/v1/advice-templates", observer)).statusCode).toBe(403);
    const member = await createTokenFor(app(), { roles: ["analyst"] });
    const red = await insertTestIncident(app().fyr.deps.db, { tlp: "TLP:RED", assigneeId: member.userId });
    const payload = { key: "closing", language: "en", incident: red.reference };
    const hidden = await render(payload);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: "incident_not_found" });
    expect((await render(payload, member.token)).statusCode).toBe(200);
    expect((await render(payload, admin)).statusCode).toBe(200);
    expect((await render({ ...payload, key: "no-such-template" }, admin)).json()).toMatchObject({
      code: "advice_template_not_found",
    });
  });

  it("signs the shipped templates with the CERT's signature, in the template's language, and says incident", async () => {
    const incident = await insertTestIncident(app().fyr.deps.db, { title: "Avslutad" });
    const en = (await render({ key: "closing", language: "en", incident: incident.reference })).json<AdviceRendered>();
    expect(en.body).toMatch(/Kind regards,\nCERT-X\nTelephone \(around the clock\): \+46 8 123 45 67\ncert\.example$/);
    expect(en.body).toContain("we will reopen the incident");
    const sv = (await render({ key: "closing", language: "sv", incident: incident.reference })).json<AdviceRendered>();
    expect(sv.body).toContain("så öppnar vi incidenten igen");
    expect(sv.body).not.toMatch(/ärende/);
  });
});
