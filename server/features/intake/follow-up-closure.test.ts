import { describe, expect, it } from "vitest";
import type { FollowUpView } from "../../../contract/intake.js";
import { useTestApp } from "../../../test/support/app.js";
import { fixedClock } from "../../platform/clock.js";
import { insertIncident, linkReport } from "../incidents/list.test-fixtures.js";

const clock = fixedClock(new Date("2026-11-20T10:00:00Z"));
const app = useTestApp({}, clock);
const db = () => app().fyr.deps.db;

async function submit(): Promise<{ reference: string; token: string }> {
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: {
      language: "en",
      whatHappened: "Ransomware on our file server",
      reporter: { email: "it@example.com" },
      nis2: { applies: true },
    },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ reference: string; followUpToken: string }>();
  return { reference: body.reference, token: body.followUpToken };
}

async function view(token: string): Promise<FollowUpView> {
  const res = await app().fyr.http.inject({
    method: "GET",
    url: "/api/public/v1/follow-up",
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.statusCode).toBe(200);
  return res.json<FollowUpView>();
}

async function certWrites(reference: string, body: string): Promise<void> {
  const report = await db()
    .selectFrom("reports")
    .select("id")
    .where("reference", "=", reference)
    .executeTakeFirstOrThrow();
  await db()
    .insertInto("report_messages")
    .values({ report_id: report.id, author: "cert", body, via: "email", sent_at: clock.now() })
    .execute();
}

const close = (id: string, status: "resolved" | "rejected") =>
  db()
    .updateTable("incidents")
    .set({ status, ...(status === "resolved" ? { resolved_at: clock.now() } : { rejected_at: clock.now() }) })
    .where("id", "=", id)
    .execute();

describe("the follow-up page once the CERT has finished", () => {
  it("says so when every linked incident is closed, stops asking for NIS2 stages and shows the closing message", async () => {
    const report = await submit();
    expect((await view(report.token)).closed).toBeNull();
    expect((await view(report.token)).nis2?.next).not.toBeNull();

    const first = await insertIncident(db(), { status: "open" });
    const second = await insertIncident(db(), { status: "open" });
    await linkReport(db(), first.id, report.reference);
    await linkReport(db(), second.id, report.reference);
    await certWrites(report.reference, "We are looking into it.");
    clock.advance(60_000);
    await close(first.id, "resolved");
    // One incident still open: the case is not over for the reporter.
    expect((await view(report.token)).closed).toBeNull();

    clock.advance(60_000);
    await close(second.id, "rejected");
    const closed = await view(report.token);
    expect(closed.closed).toEqual({ at: clock.now().toISOString(), outcome: "resolved", message: null });
    expect(closed.nis2).toBeUndefined();

    clock.advance(60_000);
    await certWrites(report.reference, "We have now closed the incident. Thank you.");
    expect((await view(report.token)).closed?.message).toBe("We have now closed the incident. Thank you.");
  });

  it("tells the reporter when the only incident was rejected", async () => {
    const report = await submit();
    const incident = await insertIncident(db(), { status: "open" });
    await linkReport(db(), incident.id, report.reference);
    clock.advance(60_000);
    await close(incident.id, "rejected");
    expect((await view(report.token)).closed?.outcome).toBe("rejected");
  });
});
