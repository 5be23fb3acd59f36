import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, randomClientAddress, strongPassword } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";
import { makeMember, makeOrganisation, signInMember } from "../members/test-fixtures.js";

// "Forgot your password?" on the member area (a public-only process, as it faces the Internet): a
// member asks by address and gets a one-time link in their language; the answer never tells whether
// the address exists; the new password ends every session and the second factor is still asked for.

const clock = fixedClock(new Date("2026-11-20T08:00:00Z"));
const app = useTestApp({ FYR_ROLES: "public", FYR_PUBLIC_URL: "http://fyr.example.test" }, clock);
const MINUTE = 60_000;

async function call(url: string, payload: object, headers: Record<string, string> = {}) {
  return app().fyr.http.inject({ method: "POST", url, headers, payload, remoteAddress: randomClientAddress() });
}
const forgot = (email: string) => call("/api/v1/auth/password-reset", { email });

async function mailsTo(address: string) {
  const rows = await app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body"])
    .where(sql<boolean>`${address} = any(recipients)`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((m) => {
    const link = /http:\/\/fyr\.example\.test(\/member\/[a-z-]+)#([\w-]+)/.exec(m.text_body);
    return { subject: m.subject, text: m.text_body, page: link?.[1] ?? "", token: link?.[2] ?? "" };
  });
}

async function freshMember(language: "sv" | "en" = "sv") {
  const org = await makeOrganisation(app());
  const member = await makeMember(app(), org);
  await app().fyr.deps.db.updateTable("users").set({ language }).where("id", "=", member.id).execute();
  clock.advance(1000); // the outbox orders by time: the invitation comes first
  return member;
}

describe("a member who forgot their password", () => {
  it("gets a one-time link in their language; the answer is the same for an unknown address", async () => {
    const member = await freshMember("en");
    const known = await forgot(member.email);
    const unknown = await forgot(`nobody-${randomBytes(4).toString("hex")}@example.test`);
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const [mail, ...older] = await mailsTo(member.email);
    expect(older.length).toBe(1); // the invitation
    expect(mail?.subject).toBe("Choose a new password for Fyr");
    expect(mail?.text).toContain("Someone, hopefully you, asked");
    expect(mail?.page).toBe("/member/reset-password");
    // Only the token's hash is stored.
    const stored = await app()
      .fyr.deps.db.selectFrom("account_links")
      .select("token_hash")
      .where("user_id", "=", member.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(mail?.token);

    const sv = await freshMember("sv");
    await forgot(sv.email.toUpperCase());
    expect((await mailsTo(sv.email))[0]?.subject).toBe("Välj ett nytt lösenord för Fyr");
  });

  it("never mails staff from the member area, and names a bad address", async () => {
    const staff = await createStaffUser(app(), { roles: ["admin"] });
    expect((await forgot(staff.email)).statusCode).toBe(202);
    expect(await mailsTo(staff.email)).toEqual([]);
    const bad = await forgot("not an address");
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.email"]);
  });

  it("ends every session, is audited, and still asks for the second factor", async () => {
    const member = await freshMember();
    const before = await signInMember(app(), member);
    await forgot(member.email);
    const [mail] = await mailsTo(member.email);
    const info = await call("/api/v1/auth/account-link", { token: mail?.token });
    expect(info.json()).toMatchObject({ purpose: "reset", email: member.email });

    const password = strongPassword();
    const done = await call("/api/v1/auth/account-link/password", { token: mail?.token, password });
    expect(done.json()).toEqual({ purpose: "reset", email: member.email });
    const again = await call("/api/v1/auth/account-link/password", { token: mail?.token, password });
    expect(again.json()).toMatchObject({ status: 403, code: "account_link_invalid" });

    const old = await app().fyr.http.inject({ method: "GET", url: "/api/v1/auth/me", headers: before });
    expect(old.statusCode).toBe(401);
    const noCode = await call("/api/v1/auth/login", { email: member.email, password });
    expect(noCode.json()).toMatchObject({ code: "totp_required" });
    const withCode = await call("/api/v1/auth/login", { email: member.email, password, totp: member.recoveryCodes[0] });
    expect(withCode.statusCode).toBe(200);

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_id", "=", member.id)
      .where("action", "like", "password.%")
      .orderBy("id")
      .execute();
    expect(audit.slice(-2)).toMatchObject([
      { action: "password.reset_link_sent", diff: { by: "self" } },
      { action: "password.changed", diff: { by: "reset_link" } },
    ]);
  });

  it("sends one mail per minute and three an hour, and the link lasts an hour", async () => {
    const member = await freshMember();
    const sent = async () => (await mailsTo(member.email)).length - 1;
    await forgot(member.email);
    await forgot(member.email);
    expect(await sent()).toBe(1);
    clock.advance(MINUTE + 1);
    await forgot(member.email);
    clock.advance(MINUTE + 1);
    await forgot(member.email);
    clock.advance(MINUTE + 1);
    await forgot(member.email);
    expect(await sent()).toBe(3);

    const [newest] = await mailsTo(member.email);
    clock.advance(60 * MINUTE + 1);
    const expired = await call("/api/v1/auth/account-link", { token: newest?.token });
    expect(expired.json()).toMatchObject({ status: 403, code: "account_link_invalid" });
    // A quiet hour later it may ask again.
    await forgot(member.email);
    expect(await sent()).toBe(4);
  });
});
