import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { AccountLinkInfo, User } from "../../../contract/accounts.js";
import { useTestApp } from "../../../test/support/app.js";
import {
  createStaffUser,
  createTokenFor,
  randomClientAddress,
  signIn,
  strongPassword,
} from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";

// Admins invite staff by mail and send password-reset links; the person chooses their own password.

const clock = fixedClock(new Date("2026-11-20T08:00:00Z"));
const app = useTestApp({ FYR_PUBLIC_URL: "http://fyr.example.test" }, clock);
const HOUR = 3_600_000;

const http = () => app().fyr.http;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const uniqueEmail = (what: string) => `${what}-${randomBytes(4).toString("hex")}@example.test`;

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return http().inject({
    method: "POST",
    url,
    headers,
    payload: payload as object,
    remoteAddress: randomClientAddress(),
  });
}

/** The newest mail to the address, and the token its link carries. */
async function lastMailTo(address: string) {
  const mail = await app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body"])
    .where(sql<boolean>`${address} = any(recipients)`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const link = /http:\/\/fyr\.example\.test(\/console\/[a-z-]+)#([\w-]+)/.exec(mail.text_body);
  if (!link?.[1] || !link[2]) throw new Error(`no link in ${mail.text_body}`);
  return { subject: mail.subject, text: mail.text_body, page: link[1], token: link[2] };
}

const auditFor = (userId: string) =>
  app()
    .fyr.deps.db.selectFrom("audit_log")
    .select(["action", "actor", "diff"])
    .where("target_id", "=", userId)
    .orderBy("id")
    .execute();

async function sessionHeaders(user: { email: string; password: string }) {
  const { cookie, csrfToken } = await signIn(app(), user.email, user.password);
  return { cookie, "x-csrf-token": csrfToken };
}

async function invite(admin: string, body: Record<string, unknown>) {
  return post("/api/v1/users", body, bearer(admin));
}

describe("inviting staff", () => {
  it("refuses an invitation without roles, and one that carries a password", async () => {
    const admin = (await createTokenFor(app())).token;
    const noRoles = await invite(admin, { email: uniqueEmail("none"), name: "No Roles", roles: [] });
    expect(noRoles.statusCode).toBe(400);
    expect(noRoles.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain("body.roles");
    const withPassword = await invite(admin, {
      email: uniqueEmail("pw"),
      name: "With Password",
      roles: ["duty"],
      password: strongPassword(),
    });
    expect(withPassword.statusCode).toBe(400);
  });

  it("mails a one-time link in the person's language; they choose a password and sign in", async () => {
    const admin = await createStaffUser(app(), { name: "Ada Admin" });
    const adminToken = (await post("/api/v1/auth/tokens", { label: "invites" }, await sessionHeaders(admin))).json<{
      token: string;
    }>().token;
    const email = uniqueEmail("invited");
    const created = await invite(adminToken, { email, name: "Ivar Inbjuden", roles: ["analyst"], language: "en" });
    expect(created.statusCode).toBe(201);
    const user = created.json<User>();
    expect(user).toMatchObject({ email, roles: ["analyst"], language: "en", invited: true, disabled: false });

    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Your invitation to Fyr");
    expect(mail.page).toBe("/console/invite");
    expect(mail.text).toContain("Hello Ivar Inbjuden");
    expect(mail.text).toContain("invited by Ada Admin");
    expect(mail.text).toMatch(/until 23 November 2026/);
    // Not signed in yet: there is no password to sign in with.
    const early = await post("/api/v1/auth/login", { email, password: "anything at all here" });
    expect(early.statusCode).toBe(401);

    // Asking what the link is for does not use it up.
    const info = await post("/api/v1/auth/account-link", { token: mail.token });
    expect(info.json<AccountLinkInfo>()).toMatchObject({
      purpose: "invite",
      email,
      name: "Ivar Inbjuden",
      language: "en",
    });
    const weak = await post("/api/v1/auth/account-link/password", { token: mail.token, password: "short" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: "password_weak", errors: [{ path: "body.password" }] });

    const password = strongPassword();
    const done = await post("/api/v1/auth/account-link/password", { token: mail.token, password });
    expect(done.json()).toEqual({ purpose: "invite", email });
    const again = await post("/api/v1/auth/account-link/password", { token: mail.token, password: strongPassword() });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ code: "account_link_invalid" });
    await signIn(app(), email, password);

    const list = await http().inject({ url: "/api/v1/users?limit=500", headers: bearer(adminToken) });
    expect(list.json<{ items: User[] }>().items.find((u) => u.id === user.id)?.invited).toBe(false);
    const audit = (await auditFor(user.id)).filter((a) => !a.action.startsWith("login"));
    expect(audit.map((a) => a.action)).toEqual(["user.invited", "user.invitation_sent", "password.changed"]);
    expect(audit[0]?.actor).toContain(admin.email);
    expect(audit[2]?.diff).toMatchObject({ by: "invitation" });
  });

  it("refuses weak and common passwords, naming the field, and keeps the link usable", async () => {
    const admin = (await createTokenFor(app())).token;
    const email = uniqueEmail("weak.user");
    await invite(admin, { email, name: "Weak User", roles: ["observer"] });
    const { token } = await lastMailTo(email);
    for (const password of ["short1!", "password123456", "Trustno1trustno1", email]) {
      const res = await post("/api/v1/auth/account-link/password", { token, password });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "password_weak", errors: [{ path: "body.password" }] });
    }
    expect((await post("/api/v1/auth/account-link", { token })).statusCode).toBe(200);
  });

  it("a Swedish invitation is in Swedish; a new one replaces the old, and a link expires after 72 hours", async () => {
    const admin = (await createTokenFor(app())).token;
    const email = uniqueEmail("sv");
    const created = (await invite(admin, { email, name: "Siv Svensk", roles: ["duty"] })).json<User>();
    const first = await lastMailTo(email);
    expect(first.subject).toBe("Inbjudan till Fyr");
    expect(first.text).toContain("välj ditt eget lösenord");

    clock.advance(1000); // the outbox orders by time
    const resent = await post(`/api/v1/users/${created.id}/invitation`, {}, bearer(admin));
    expect(resent.statusCode).toBe(202);
    const second = await lastMailTo(email);
    expect(second.token).not.toBe(first.token);
    expect((await post("/api/v1/auth/account-link", { token: first.token })).statusCode).toBe(403);
    expect((await post("/api/v1/auth/account-link", { token: second.token })).statusCode).toBe(200);

    clock.advance(72 * HOUR + 1);
    try {
      const late = await post("/api/v1/auth/account-link/password", {
        token: second.token,
        password: strongPassword(),
      });
      expect(late.json()).toMatchObject({ status: 403, code: "account_link_invalid" });
    } finally {
      clock.advance(-(72 * HOUR + 1));
    }
  });
});

describe("password-reset links", () => {
  it("ends the user's sessions and, when asked, their API tokens once the new password is chosen", async () => {
    const admin = (await createTokenFor(app())).token;
    const user = await createStaffUser(app(), { roles: ["duty"], name: "Rut Reset" });
    const session = await sessionHeaders(user);
    const userToken = (await post("/api/v1/auth/tokens", { label: "script" }, session)).json<{ token: string }>().token;

    const sent = await post(`/api/v1/users/${user.id}/password-reset`, { revokeTokens: true }, bearer(admin));
    expect(sent.statusCode).toBe(202);
    const mail = await lastMailTo(user.email);
    expect(mail.subject).toBe("Välj ett nytt lösenord för Fyr");
    expect(mail.page).toBe("/console/reset-password");
    // Sending the link changes nothing yet: the user may not even have asked for it.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: { cookie: session.cookie } })).statusCode).toBe(200);

    const password = strongPassword();
    const done = await post("/api/v1/auth/account-link/password", { token: mail.token, password });
    expect(done.json()).toEqual({ purpose: "reset", email: user.email });
    expect((await http().inject({ url: "/api/v1/auth/me", headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(userToken) })).statusCode).toBe(401);
    expect((await post("/api/v1/auth/login", { email: user.email, password: user.password })).statusCode).toBe(401);
    await signIn(app(), user.email, password);
    const audit = await auditFor(user.id);
    expect(audit.map((a) => a.action)).toContain("password.reset_link_sent");
    expect(audit.find((a) => a.action === "password.changed")).toMatchObject({
      diff: { by: "reset_link", tokensRevoked: 1 },
    });
  });

  it("is refused for an invited user, and a disabled user's link stops working", async () => {
    const admin = (await createTokenFor(app())).token;
    const email = uniqueEmail("pending");
    const pending = (await invite(admin, { email, name: "Pia Pending", roles: ["observer"] })).json<User>();
    const refused = await post(`/api/v1/users/${pending.id}/password-reset`, {}, bearer(admin));
    expect(refused.json()).toMatchObject({ status: 409, code: "user_invited" });

    const user = await createStaffUser(app(), { roles: ["analyst"] });
    await post(`/api/v1/users/${user.id}/password-reset`, {}, bearer(admin));
    const mail = await lastMailTo(user.email);
    const disabled = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    const late = await post("/api/v1/auth/account-link/password", { token: mail.token, password: strongPassword() });
    expect(late.json()).toMatchObject({ status: 403, code: "account_link_invalid" });
    const again = await post(`/api/v1/users/${user.id}/password-reset`, {}, bearer(admin));
    expect(again.json()).toMatchObject({ status: 409, code: "user_disabled" });
  });
});
