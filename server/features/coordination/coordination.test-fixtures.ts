import type { Response as InjectResponse } from "light-my-request";
import type { TestApp } from "../../../test/support/app.js";
import { createTokenFor, randomClientAddress } from "../../../test/support/auth.js";
import type { Role } from "../../../contract/accounts.js";
import { makeMember, makeOrganisation, signInMember, type TestMember } from "../members/test-fixtures.js";

// Test data for coordination: staff with tokens, organisations with a contact each, their members.

export async function staff(app: TestApp, roles: Role[] = ["analyst"]) {
  const t = await createTokenFor(app, { roles });
  const headers = { authorization: `Bearer ${t.token}` };
  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
    app.fyr.http.inject({
      method,
      url,
      headers,
      remoteAddress: randomClientAddress(),
      ...(payload ? { payload } : {}),
    });
  return { ...t, call };
}

export interface Party {
  org: { id: string; name: string };
  contact: string;
  member: TestMember;
  call: (method: "GET" | "POST", url: string, payload?: unknown) => Promise<InjectResponse>;
}

/** An organisation with one security contact (in `language`) and a signed-in member. */
export async function party(app: TestApp, language: "sv" | "en" = "sv"): Promise<Party> {
  const tag = Math.random().toString(36).slice(2, 8);
  const contact = `sec-${tag}@example.test`;
  const org = await makeOrganisation(app, { contacts: [{ email: contact, role: "security", language }] } as never);
  const member = await makeMember(app, org);
  const headers = await signInMember(app, member);
  const call = (method: "GET" | "POST", url: string, payload?: unknown) =>
    app.fyr.http.inject({
      method,
      url,
      headers,
      remoteAddress: randomClientAddress(),
      ...(payload ? { payload } : {}),
    });
  return { org, contact, member, call };
}
