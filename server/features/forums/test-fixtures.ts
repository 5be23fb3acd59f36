import { randomBytes } from "node:crypto";
import type { Forum, ForumCreateInput, ForumMember } from "../../../contract/forums.js";
import type { TestApp } from "../../../test/support/app.js";
import { createStaffUser, signIn } from "../../../test/support/auth.js";
import { type TestMember, acceptInvitation } from "../members/test-fixtures.js";

// Test data for forums, through the HTTP API as staff would make it: an admin's session (who creates,
// proposes and approves), forums with unique names, and people proposed, approved and signed in.

export type Headers = Record<string, string>;

export async function adminSession(app: TestApp): Promise<Headers> {
  const admin = await createStaffUser(app, { roles: ["admin"] });
  const { cookie, csrfToken } = await signIn(app, admin.email, admin.password);
  return { cookie, "x-csrf-token": csrfToken };
}

export async function call(app: TestApp, method: string, url: string, headers: Headers, payload?: unknown) {
  const res = await app.fyr.http.inject({
    method: method as "GET",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as unknown) : null, raw: res };
}

export async function makeForum(app: TestApp, admin: Headers, input: Partial<ForumCreateInput> = {}): Promise<Forum> {
  const res = await call(app, "POST", "/api/v1/forums", admin, {
    name: `Forum ${randomBytes(4).toString("hex")}`,
    kind: "sector",
    ...input,
  });
  if (res.status !== 201) throw new Error(`forum: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Forum;
}

/** Proposes the address and approves it as the admin; the membership as staff see it. */
export async function admit(
  app: TestApp,
  admin: Headers,
  forumId: string,
  person: { email: string; name?: string; organisationId?: string },
): Promise<ForumMember> {
  const proposed = await call(app, "POST", `/api/v1/forums/${forumId}/proposals`, admin, {
    name: "Test Person",
    ...person,
  });
  if (proposed.status !== 201) throw new Error(`proposal: ${proposed.status} ${JSON.stringify(proposed.body)}`);
  const id = (proposed.body as ForumMember).id;
  const approved = await call(app, "POST", `/api/v1/forums/${forumId}/proposals/${id}/approve`, admin, {});
  if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body as ForumMember;
}

/** A person of another CERT admitted to the forum as an external member, their invitation accepted. */
export async function makeExternalMember(app: TestApp, admin: Headers, forumId: string): Promise<TestMember> {
  const email = `ext-${randomBytes(5).toString("hex")}@other-cert.example`;
  await admit(app, admin, forumId, { email, name: "External Person" });
  const row = await app.fyr.deps.db
    .selectFrom("users")
    .select(["id", "name"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return acceptInvitation(app, { id: row.id, email, name: row.name, organisationId: null });
}
