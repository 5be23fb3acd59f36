import { afterEach, describe, expect, it } from "vitest";
import { type TestApp, createTestApp } from "../../../test/support/app.js";
import { randomClientAddress } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { fixedClock } from "../../platform/clock.js";
import { issueSetupToken } from "./setup.js";

describe("first start: setup link", () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.fyr.http.close();
    await app?.database.drop();
    app = undefined;
  });
  const setup = (a: TestApp, payload: Record<string, string>) =>
    a.fyr.http.inject({ method: "POST", url: "/api/v1/setup", payload, remoteAddress: randomClientAddress() });
  const admin = { email: "first.admin@example.test", name: "First Admin", password: "the first admin's passphrase" };

  it("creates the first admin once with the printed token", async () => {
    app = await createTestApp();
    const ctx = { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("start-up") };
    expect((await app.fyr.http.inject({ url: "/api/v1/setup" })).json()).toEqual({ needed: true });
    const token = await issueSetupToken(ctx, 3_600_000, app.fyr.deps.secrets);
    if (!token) throw new Error("no setup token");
    const wrong = await setup(app, { ...admin, token: token.slice(1) + "x" });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: "setup_token_invalid" });
    const ok = await setup(app, { ...admin, token });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ email: admin.email });
    expect((await app.fyr.http.inject({ url: "/api/v1/setup" })).json()).toEqual({ needed: false });
    const again = await setup(app, { ...admin, email: "second@example.test", token });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "setup_done" });
    const login = await app.fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: admin.email, password: admin.password },
    });
    expect(login.json()).toMatchObject({ roles: ["admin"] });
    expect(await issueSetupToken(ctx, 3_600_000, app.fyr.deps.secrets)).toBeNull();
    const actions = await app.fyr.deps.db.selectFrom("audit_log").select("action").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "setup.token_issued",
      "user.created",
      "setup.completed",
      "login.succeeded",
    ]);
  });

  it("makes one admin when two browsers race with the same link", async () => {
    app = await createTestApp();
    const token = await issueSetupToken(
      { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("start-up") },
      60_000,
      app.fyr.deps.secrets,
    );
    if (!token) throw new Error("no setup token");
    const a = app;
    const answers = await Promise.all(
      ["one", "two", "three"].map((who) => setup(a, { ...admin, email: `${who}@example.test`, token })),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of answers.filter((r) => r.statusCode !== 201)) {
      expect(r.json<{ code: string }>().code).toMatch(/^(setup_done|setup_token_invalid)$/);
    }
    const admins = await a.fyr.deps.db.selectFrom("users").select("email").execute();
    expect(admins).toHaveLength(1);
  });

  it("keeps the link usable after a mistyped one", async () => {
    app = await createTestApp();
    const token = await issueSetupToken(
      { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("start-up") },
      60_000,
      app.fyr.deps.secrets,
    );
    if (!token) throw new Error("no setup token");
    expect((await setup(app, { ...admin, token: `${token.slice(0, -1)}x` })).statusCode).toBe(403);
    expect((await setup(app, { ...admin, token })).statusCode).toBe(201);
  });

  it("refuses an expired token and a weak password", async () => {
    const clock = fixedClock(new Date("2026-03-02T08:00:00Z"));
    app = await createTestApp({}, clock);
    const token = await issueSetupToken(
      { db: app.fyr.deps.db, clock, actor: systemActor("start-up") },
      3_600_000,
      app.fyr.deps.secrets,
    );
    if (!token) throw new Error("no setup token");
    const weak = await setup(app, { ...admin, password: "password1234", token });
    expect(weak.statusCode).toBe(400);
    // The field's code, not English prose, is what the Swedish setup screen words.
    expect(weak.json()).toMatchObject({
      code: "password_weak",
      errors: [{ path: "body.password", code: "too_common" }],
    });
    clock.advance(3_600_001);
    expect((await setup(app, { ...admin, token })).json()).toMatchObject({ code: "setup_token_invalid" });
  });
});
