import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Member, MyOrganisationTree } from "../../../contract/members.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor, randomClientAddress, strongPassword } from "../../../test/support/auth.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// Staff invite members to an organisation; a member accepts by mail, signs in with 2FA, and reads their
// organisation; staff end the access. (Visibility across organisations: policy.test.ts.)

const app = useTestApp({ FYR_PUBLIC_URL: "http://fyr.example.test" });
const http = () => app().fyr.http;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function request(
  method: "GET" | "POST" | "DELETE",
  url: string,
  headers: Record<string, string>,
  payload?: object,
) {
  return http().inject({ method, url, headers, ...(payload ? { payload } : {}), remoteAddress: randomClientAddress() });
}

async function lastMailTo(address: string) {
  const mail = await app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body"])
    .where(sql<boolean>`${address} = any(recipients)`)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const link = /http:\/\/fyr\.example\.test(\/member\/invite)#([\w-]+)/.exec(mail.text_body);
  return { subject: mail.subject, text: mail.text_body, token: link?.[2] ?? "" };
}

describe("members of an organisation", () => {
  it("invites a member by mail in their language, who chooses a password and must enrol 2FA", async () => {
    const org = await makeOrganisation(app(), { name: "Exempel Kommun" });
    const { token: duty } = await createTokenFor(app(), { roles: ["duty"] });
    const email = `anna-${Date.now()}@exempel.se`;
    const invited = await request("POST", `/api/v1/organisations/${org.id}/members`, bearer(duty), {
      email,
      name: "Anna Andersson",
      language: "en",
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json<Member>()).toMatchObject({ email, organisationId: org.id, invited: true, ended: false });

    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Your invitation to the CERT's member area for Exempel Kommun");
    expect(mail.token).not.toBe("");

    const password = strongPassword();
    const done = await request("POST", "/api/v1/auth/account-link/password", {}, { token: mail.token, password });
    expect(done.json()).toEqual({ purpose: "invite", email });
    const login = await request("POST", "/api/v1/auth/login", {}, { email, password });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      roles: ["member"],
      kind: "member",
      organisationId: org.id,
      mustEnrolTotp: true,
    });
    const cookie = `fyr_session=${login.cookies.find((c) => c.name === "fyr_session")?.value}`;
    // Until 2FA is enrolled, a member reads nothing of the organisation.
    const blocked = await request("GET", "/api/v1/my/organisation", { cookie });
    expect(blocked.json()).toMatchObject({ status: 403, code: "totp_enrolment_required" });

    const list = await request("GET", `/api/v1/organisations/${org.id}/members`, bearer(duty));
    expect(list.json<{ items: Member[] }>().items.map((m) => m.email)).toEqual([email]);
  });

  it("mails a Swedish invitation by default", async () => {
    const org = await makeOrganisation(app(), { name: "Bolaget AB" });
    const { token: admin } = await createTokenFor(app(), { roles: ["admin"] });
    const email = `bo-${Date.now()}@bolaget.se`;
    await request("POST", `/api/v1/organisations/${org.id}/members`, bearer(admin), { email, name: "Bo" });
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Inbjudan till CERT:ens medlemssidor för Bolaget AB");
    expect(mail.text).toContain("/member/invite#");
  });

  it("lets only the registry's editors invite and end access, and 404s an unknown organisation", async () => {
    const org = await makeOrganisation(app());
    const { token: analyst } = await createTokenFor(app(), { roles: ["analyst"] });
    const { token: duty } = await createTokenFor(app(), { roles: ["duty"] });
    const body = { email: `x-${Date.now()}@example.test`, name: "X" };
    expect((await request("POST", `/api/v1/organisations/${org.id}/members`, bearer(analyst), body)).statusCode).toBe(
      403,
    );
    expect((await request("GET", `/api/v1/organisations/${org.id}/members`, bearer(analyst))).statusCode).toBe(200);
    const unknown = await request("POST", `/api/v1/organisations/${crypto.randomUUID()}/members`, bearer(duty), body);
    expect(unknown.json()).toMatchObject({ status: 404, code: "organisation_not_found" });
  });

  it("reads the member's organisation with its children, without the CERT's own notes", async () => {
    const parent = await makeOrganisation(app(), {
      name: "Kommunen",
      notes: "internal: slow to answer",
      networks: ["192.0.2.0/24"],
      domains: ["kommunen.se"],
      asns: [64500],
      contacts: [{ email: "abuse@kommunen.se", role: "abuse" }],
    });
    const child = await makeOrganisation(app(), {
      name: "Kommunens Energi AB",
      parentId: parent.id,
      networks: ["198.51.100.0/25"],
    });
    const member = await makeMember(app(), parent);
    const headers = await signInMember(app(), member);
    const res = await request("GET", "/api/v1/my/organisation", headers);
    expect(res.statusCode).toBe(200);
    const tree = res.json<MyOrganisationTree>();
    expect(tree).toMatchObject({ id: parent.id, name: "Kommunen", parent: null });
    expect(tree.networks.map((n) => n.label)).toEqual(["192.0.2.0/24"]);
    expect(tree.domains.map((d) => d.domain)).toEqual(["kommunen.se"]);
    expect(tree.asns.map((a) => a.asn)).toEqual([64500]);
    expect(tree.contacts.map((c) => c.email)).toEqual(["abuse@kommunen.se"]);
    expect(tree.children).toEqual([{ id: child.id, name: "Kommunens Energi AB" }]);
    expect(tree.descendants.map((d) => d.networks.map((n) => n.label))).toEqual([["198.51.100.0/25"]]);
    expect(res.body).not.toContain("internal: slow to answer");
    // A member of the child sees the child, not its parent.
    const childMember = await makeMember(app(), child);
    const own = await request("GET", "/api/v1/my/organisation", await signInMember(app(), childMember));
    expect(own.json<MyOrganisationTree>()).toMatchObject({ id: child.id, parent: null, descendants: [] });
  });

  it("ends a member's access: the session and tokens stop at once", async () => {
    const org = await makeOrganisation(app());
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const minted = await request("POST", "/api/v1/auth/tokens", headers, { label: "script" });
    expect(minted.statusCode).toBe(201);
    const memberToken = minted.json<{ token: string }>().token;
    expect((await request("GET", "/api/v1/my/organisation", bearer(memberToken))).statusCode).toBe(200);

    const { token: duty } = await createTokenFor(app(), { roles: ["duty"] });
    const ended = await request("DELETE", `/api/v1/organisations/${org.id}/members/${member.id}`, bearer(duty));
    expect(ended.json<Member>()).toMatchObject({ id: member.id, ended: true });
    expect((await request("GET", "/api/v1/my/organisation", headers)).statusCode).toBe(401);
    expect((await request("GET", "/api/v1/my/organisation", bearer(memberToken))).statusCode).toBe(401);
    // Another organisation's id for the member: 404, as for nobody.
    const other = await makeOrganisation(app());
    const wrong = await request("DELETE", `/api/v1/organisations/${other.id}/members/${member.id}`, bearer(duty));
    expect(wrong.json()).toMatchObject({ status: 404, code: "member_not_found" });
  });
});
