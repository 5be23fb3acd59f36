import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { REMOVED } from "./store.js";

const app = useTestApp();
const { call, fileReport, openIncident } = coreClient(app);

const db = () => app().database.handle.db;
const reportRow = (reference: string) =>
  db()
    .selectFrom("reports")
    .select([
      "reference",
      "status",
      "channel",
      "reporter_email",
      "what_happened",
      "contacts_removed_at",
      "texts_removed_at",
    ])
    .where("reference", "=", reference)
    .executeTakeFirstOrThrow();

/** Closes a report's case long ago: rejected `yearsAgo` years back. */
const rejectedYearsAgo = (reference: string, yearsAgo: number) =>
  sql`update reports set status = 'rejected', rejected_at = clock_timestamp() - make_interval(years => ${yearsAgo})
      where reference = ${reference}`.execute(db());

describe("retention", () => {
  it("removes personal data of cases closed past their period, keeps what statistics count, and spares a legal hold until it is cleared", async () => {
    const { token: admin } = await createTokenFor(app());
    const { token: duty } = await createTokenFor(app(), { roles: ["duty"] });
    const { token: observer } = await createTokenFor(app(), { roles: ["observer"] });
    const old = await fileReport();
    const recent = await fileReport();
    const held = await fileReport();
    await rejectedYearsAgo(old.reference, 6);
    await rejectedYearsAgo(recent.reference, 0);
    // The held report belongs to an incident resolved six years ago, under a legal hold.
    const incident = await openIncident(admin, { title: "Dataintrång, utredning pågår" });
    await sql`insert into incident_reports (incident_id, report_id, linked_at)
      select (select id from incidents where reference = ${incident.reference}), id, clock_timestamp()
      from reports where reference = ${held.reference}`.execute(db());
    await sql`update incidents set status = 'resolved', resolved_at = clock_timestamp() - interval '6 years'
      where reference = ${incident.reference}`.execute(db());
    const hold = (token: string, reason = "Förundersökning, Polismyndigheten") =>
      call(token, "PUT", `/api/v1/incidents/${incident.reference}/legal-hold`, { reason });
    expect((await hold(observer)).statusCode).toBe(403);
    expect(
      (await call(duty, "PUT", "/api/v1/incidents/FYR-INC-1999-9999/legal-hold", { reason: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await call(duty, "PUT", `/api/v1/incidents/${incident.reference}/legal-hold`, { reason: "" })).statusCode,
    ).toBe(400);
    expect((await hold(duty)).statusCode).toBe(204);
    // The incident's page shows the hold to whoever may see the incident, observers too.
    const shown = await call(observer, "GET", `/api/v1/incidents/${incident.reference}/legal-hold`);
    expect(shown.json()).toMatchObject({
      hold: { reason: "Förundersökning, Polismyndigheten", setBy: { id: expect.any(String) } },
    });
    const holds = await call(admin, "GET", "/api/v1/retention/holds");
    expect(holds.json<{ items: { reference: string }[] }>().items.map((h) => h.reference)).toContain(
      incident.reference,
    );

    const run = await call(admin, "POST", "/api/v1/retention/run");
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ contacts: 1, reportTexts: 1 });
    const cleaned = await reportRow(old.reference);
    // The case survives for statistics; the person does not.
    expect(cleaned).toMatchObject({
      reference: old.reference,
      status: "rejected",
      channel: "api",
      reporter_email: null,
      what_happened: REMOVED,
    });
    expect(cleaned.contacts_removed_at).not.toBeNull();
    expect((await reportRow(recent.reference)).reporter_email).not.toBeNull();
    expect((await reportRow(held.reference)).reporter_email).not.toBeNull();

    // The hold is cleared (audited): the next run removes that case's personal data too (the incident's
    // own correspondence has a period of its own, ten years by default, not yet over).
    expect((await call(duty, "DELETE", `/api/v1/incidents/${incident.reference}/legal-hold`)).statusCode).toBe(204);
    expect((await call(duty, "GET", `/api/v1/incidents/${incident.reference}/legal-hold`)).json()).toEqual({
      hold: null,
    });
    expect((await call(admin, "POST", "/api/v1/retention/run")).json()).toMatchObject({
      contacts: 1,
      reportTexts: 1,
      incidentCorrespondence: 0,
    });
    expect((await reportRow(held.reference)).reporter_email).toBeNull();
    // A run never counts the same record twice.
    expect((await call(admin, "POST", "/api/v1/retention/run")).json()).toMatchObject({ contacts: 0, reportTexts: 0 });

    const actions = await db()
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("action", "like", "retention.%")
      .execute();
    expect(actions.filter((a) => a.action === "retention.applied")).toHaveLength(3);
    expect(actions).toContainEqual({ action: "retention.hold_set", target_id: incident.reference });
    expect(actions).toContainEqual({ action: "retention.hold_cleared", target_id: incident.reference });

    const year = new Date().getUTCFullYear();
    const report = await call(admin, "GET", `/api/v1/retention/report?year=${year}`);
    expect(report.json()).toMatchObject({ year, runs: 3, removed: { contacts: 2, reportTexts: 2 }, legalHolds: 0 });
    expect((await call(duty, "GET", `/api/v1/retention/report?year=${year}`)).statusCode).toBe(403);
    expect((await call(admin, "GET", "/api/v1/retention/report?year=abc")).statusCode).toBe(400);
  }, 120_000);

  it("empties a closed incident's journal texts and old outgoing mail after their periods, and keeps newer ones", async () => {
    const { token: admin } = await createTokenFor(app());
    const old = await openIncident(admin, { title: "Överbelastningsattack mot kommunen" });
    const fresh = await openIncident(admin, { title: "Nätfiske mot personalen" });
    const note = (reference: string, body: string) =>
      sql`insert into incident_events (incident_id, kind, occurred_at, recorded_at, body)
          select id, 'note', clock_timestamp(), clock_timestamp(), ${body} from incidents where reference = ${reference}`.execute(
        db(),
      );
    await note(old.reference, "Anna Andersson på kommunen ringde, 070-123 45 67");
    await note(fresh.reference, "Kontakt: Bertil Berg");
    // Resolved eleven years ago (past the default ten years for incidents) and one year ago.
    const resolve = (reference: string, years: number) =>
      sql`update incidents set status = 'resolved', resolved_at = clock_timestamp() - make_interval(years => ${years})
          where reference = ${reference}`.execute(db());
    await resolve(old.reference, 11);
    await resolve(fresh.reference, 1);
    const mail = (subject: string, monthsAgo: number) =>
      sql`insert into mail_messages (recipients, subject, text_body, status, created_at)
          values ('{anna@kommun.example}', ${subject}, 'Hej Anna', 'kept', clock_timestamp() - make_interval(months => ${monthsAgo}))`.execute(
        db(),
      );
    await mail("Gammalt svar", 30);
    await mail("Nytt svar", 2);

    const run = await call(admin, "POST", "/api/v1/retention/run");
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ incidentCorrespondence: 1, mail: 1 });
    const notes = await sql<{ reference: string; body: string | null }>`
      select i.reference, e.body from incident_events e join incidents i on i.id = e.incident_id
      where e.kind = 'note' and i.reference in (${old.reference}, ${fresh.reference}) order by i.reference`.execute(
      db(),
    );
    expect(Object.fromEntries(notes.rows.map((r) => [r.reference, r.body]))).toEqual({
      [old.reference]: REMOVED,
      [fresh.reference]: "Kontakt: Bertil Berg",
    });
    // The incident itself survives for statistics.
    const incident = await db()
      .selectFrom("incidents")
      .select(["title", "status"])
      .where("reference", "=", old.reference)
      .executeTakeFirstOrThrow();
    expect(incident.status).toBe("resolved");
    const mails = await db()
      .selectFrom("mail_messages")
      .select(["subject", "recipients", "text_body"])
      .where("subject", "in", ["Gammalt svar", "Nytt svar"])
      .orderBy("subject")
      .execute();
    expect(mails).toEqual([
      { subject: "Gammalt svar", recipients: [], text_body: REMOVED },
      { subject: "Nytt svar", recipients: ["anna@kommun.example"], text_body: "Hej Anna" },
    ]);
    // Counted once.
    expect((await call(admin, "POST", "/api/v1/retention/run")).json()).toMatchObject({
      incidentCorrespondence: 0,
      mail: 0,
    });
  }, 120_000);
});
