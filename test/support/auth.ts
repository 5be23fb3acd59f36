import { randomBytes } from "node:crypto";
import type { Role } from "../../contract/accounts.js";
import { insertStaffUser } from "../../server/features/accounts/create-user.js";
import { issueToken } from "../../server/features/accounts/tokens.js";
import { systemActor } from "../../server/platform/auth/actor.js";
import type { ServiceContext } from "../../server/platform/deps.js";
import type { TestApp } from "./app.js";

function systemContext(app: TestApp): ServiceContext {
  return { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("test") };
}

/** A strong password nobody else uses. */
export function strongPassword(): string {
  return `Fyr-test ${randomBytes(9).toString("base64url")}`;
}

/** Creates an active staff user (default roles ["admin"], a unique e-mail, a strong password). */
export async function createStaffUser(
  app: TestApp,
  opts: { roles?: Role[]; email?: string; password?: string; name?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = opts.email ?? `staff-${randomBytes(6).toString("hex")}@example.test`;
  const password = opts.password ?? strongPassword();
  const user = await insertStaffUser(
    systemContext(app),
    { email, name: opts.name ?? "Test Staff", roles: opts.roles ?? ["admin"], password },
    "password",
  );
  return { id: user.id, email: user.email, password };
}

/** A new user with these roles (default ["admin"]) and an API token acting as them. */
export async function createTokenFor(
  app: TestApp,
  opts: { roles?: Role[] } = {},
): Promise<{ token: string; userId: string; tokenId: string }> {
  const user = await createStaffUser(app, opts);
  const created = await issueToken(systemContext(app), user.id, "test");
  return { token: created.token, userId: user.id, tokenId: created.id };
}

/** A client address of its own, so the per-address login rate limit does not join unrelated tests. */
export function randomClientAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0] ?? 0}.${b[1] ?? 0}.${b[2] ?? 0}`;
}

/** Signs in through the API; returns the Cookie header value and the CSRF token for writes. */
export async function signIn(
  app: TestApp,
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const res = await app.fyr.http.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password },
    remoteAddress: randomClientAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === "fyr_session");
  const body = res.json<{ csrfToken: string | null }>();
  if (!session || !body.csrfToken) throw new Error("sign-in gave no session cookie or CSRF token");
  return { cookie: `fyr_session=${session.value}`, csrfToken: body.csrfToken };
}
