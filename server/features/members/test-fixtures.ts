import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import type { Organisation, OrganisationCreateInput } from "../../../contract/constituency.js";
import { OrganisationCreate } from "../../../contract/constituency.js";
import type { TestApp } from "../../../test/support/app.js";
import { randomClientAddress, strongPassword } from "../../../test/support/auth.js";
import { type Actor, systemActor } from "../../platform/auth/actor.js";
import { hashPassword } from "../../platform/auth/password.js";
import type { ServiceContext } from "../../platform/deps.js";
import { inviteMemberAccount } from "../accounts/index.js";
import { storeNewPassword } from "../accounts/reset-password.js";
import { confirmTotp, enrolTotp } from "../accounts/totp.js";
import { createOrganisation } from "../constituency/index.js";

// Test data for the member area: organisations (through the registry's service) and members who have
// accepted their invitation and enrolled TOTP, signing in with their recovery codes (a TOTP code would be
// refused as a replay within its 30 seconds).

const system = (app: TestApp): ServiceContext => ({
  db: app.fyr.deps.db,
  clock: app.clock,
  actor: systemActor("test"),
});

/** An organisation in the registry (a unique name unless given). */
export async function makeOrganisation(
  app: TestApp,
  input: Partial<OrganisationCreateInput> = {},
): Promise<Organisation> {
  const name = input.name ?? `Org ${randomBytes(4).toString("hex")}`;
  return createOrganisation(system(app), OrganisationCreate.parse({ ...input, name }));
}

export interface TestMember {
  id: string;
  email: string;
  password: string;
  /** Null for an external member (a forum's, of no constituent organisation). */
  organisationId: string | null;
  /** Single-use second factors, one per sign-in. */
  recoveryCodes: string[];
}

/** A member of the organisation with a password and TOTP enrolled. */
export async function makeMember(app: TestApp, organisation: { id: string; name: string }): Promise<TestMember> {
  const ctx = system(app);
  const email = `member-${randomBytes(5).toString("hex")}@example.test`;
  const row = await inviteMemberAccount(ctx, app.fyr.deps.config, organisation, { email, name: "Test Member" });
  return acceptInvitation(app, { id: row.id, email, name: row.name, organisationId: organisation.id });
}

/**
 * An invited member account (of an organisation, or external: `organisationId` null) as if its person
 * had followed the link: a password chosen and TOTP enrolled.
 */
export async function acceptInvitation(
  app: TestApp,
  invited: { id: string; email: string; name: string; organisationId: string | null },
): Promise<TestMember> {
  const ctx = system(app);
  const { email } = invited;
  const row = invited;
  const organisation = { id: invited.organisationId };
  const password = strongPassword();
  const passwordHash = await hashPassword(password);
  await app.fyr.deps.db
    .transaction()
    .execute((tx) => storeNewPassword(tx, app.clock.now(), { userId: row.id, passwordHash, revokeTokens: false }));
  const actor: Actor = {
    kind: "user",
    userId: row.id,
    email,
    name: row.name,
    userKind: "member",
    organisationId: organisation.id,
    roles: ["member"],
    via: "session",
    tokenId: null,
  };
  const asMember = { ...ctx, actor };
  const { secret } = await enrolTotp(asMember, app.fyr.deps.secrets);
  const code = await generate({ secret, epoch: Math.floor(app.clock.now().getTime() / 1000) });
  const { recoveryCodes } = await confirmTotp(asMember, code, app.fyr.deps.secrets);
  return { id: row.id, email, password, organisationId: organisation.id, recoveryCodes };
}

/** Signs the member in (a recovery code as the second factor); the headers for reads and writes. */
export async function signInMember(app: TestApp, member: TestMember): Promise<Record<string, string>> {
  const totp = member.recoveryCodes.shift();
  if (!totp) throw new Error("the test member has used every recovery code");
  const res = await app.fyr.http.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: member.email, password: member.password, totp },
    remoteAddress: randomClientAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`member sign-in failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === "fyr_session");
  const csrfToken = res.json<{ csrfToken: string | null }>().csrfToken;
  if (!session || !csrfToken) throw new Error("no session cookie or CSRF token");
  return { cookie: `fyr_session=${session.value}`, "x-csrf-token": csrfToken };
}
