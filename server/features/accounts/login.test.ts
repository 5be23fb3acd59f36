import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, randomClientAddress } from "../../../test/support/auth.js";
import { buildFyr } from "../../app.js";
import { slowDownMs } from "./login-throttle.js";

describe("sign-in", () => {
  const app = useTestApp();
  const login = (payload: Record<string, unknown>, remoteAddress = randomClientAddress()) =>
    app().fyr.http.inject({ method: "POST", url: "/api/v1/auth/login", payload, remoteAddress });

  it("signs in with the right password and sets a strict session cookie", async () => {
    const user = await createStaffUser(app(), { roles: ["duty", "analyst"] });
    const res = await login({ email: user.email.toUpperCase(), password: user.password });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ["duty", "analyst"],
      language: "sv",
      totpEnabled: false,
      mustEnrolTotp: false,
      csrfToken: expect.any(String),
    });
    const header = String(res.headers["set-cookie"]);
    expect(header).toMatch(/^fyr_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Strict");
    expect(header).toContain("Path=/");
    expect(header).not.toContain("Secure"); // FYR_PUBLIC_URL is http in tests
  });

  it("gives a new session id at every sign-in", async () => {
    const user = await createStaffUser(app());
    const a = await login({ email: user.email, password: user.password });
    const b = await login({ email: user.email, password: user.password });
    const id = (r: typeof a) => r.cookies.find((c) => c.name === "fyr_session")?.value;
    expect(id(a)).toBeDefined();
    expect(id(a)).not.toBe(id(b));
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    const user = await createStaffUser(app());
    const wrong = await login({ email: user.email, password: "not the password at all" });
    const unknown = await login({ email: "nobody-here@example.test", password: "not the password at all" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: "invalid_credentials" });
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a disabled account like a wrong password", async () => {
    const admin = await createStaffUser(app());
    const user = await createStaffUser(app(), { roles: ["observer"] });
    await app().fyr.deps.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
    const res = await login({ email: user.email, password: user.password });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "invalid_credentials" });
    expect(admin.id).toBeTruthy();
  });

  it("locks out the client that failed five times, not the account: the owner still signs in", async () => {
    const user = await createStaffUser(app());
    for (const email of [user.email, "ghost-account@example.test"]) {
      const attacker = randomClientAddress();
      for (let i = 0; i < 5; i++) {
        expect((await login({ email, password: "wrong password number " + i }, attacker)).statusCode).toBe(401);
      }
      const locked = await login({ email, password: user.password }, attacker);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: "login_locked" });
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(30);
    }
    // The duty officer at their own desk is not kept out by someone else's guesses.
    expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200);
  });

  it("keeps the lock in the database, so another process refuses the same client too", async () => {
    const user = await createStaffUser(app());
    const attacker = randomClientAddress();
    for (let i = 0; i < 5; i++) await login({ email: user.email, password: `guess ${i}` }, attacker);
    const other = await buildFyr({
      config: app().fyr.deps.config,
      logger: app().fyr.deps.logger,
      database: app().database.handle,
      clock: app().clock,
      serveWeb: false,
    });
    try {
      const res = await other.http.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: user.email, password: user.password },
        remoteAddress: attacker,
      });
      expect(res.statusCode).toBe(429);
    } finally {
      await other.http.close();
      await other.stopBackground(0);
    }
  });

  it("slows down, never refuses, a client that has not failed while the account is tried from many", async () => {
    const user = await createStaffUser(app());
    for (let i = 0; i < 12; i++) await login({ email: user.email, password: `botnet guess ${i}` });
    const started = performance.now();
    const res = await login({ email: user.email, password: user.password });
    expect(res.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(slowDownMs(12) - 5);
    expect(slowDownMs(9)).toBe(0);
    expect(slowDownMs(12)).toBeGreaterThan(0);
    expect(slowDownMs(10_000)).toBeLessThanOrEqual(3_000);
  });

  it("limits sign-in attempts per client address", async () => {
    const address = randomClientAddress();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await login({ email: `rate${i}@example.test`, password: "x" }, address)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it("records successful and failed sign-ins in the audit trail, never the password", async () => {
    const user = await createStaffUser(app());
    await login({ email: user.email, password: "a wrong secret guess" });
    await login({ email: user.email, password: user.password });
    const rows = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "actor", "diff"])
      .where("action", "in", ["login.failed", "login.succeeded"])
      .where("target_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["login.failed", "login.succeeded"]);
    expect(rows[0]?.diff).toEqual({ email: user.email, reason: "invalid_credentials" });
    expect(JSON.stringify(rows)).not.toContain("a wrong secret guess");
    expect(rows[1]?.actor).toBe(user.email);
  });
});
