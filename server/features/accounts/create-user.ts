import type { Role, User, UserCreate } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { hashPassword } from "../../platform/auth/password.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict } from "../../platform/errors.js";
import { assertStrongPassword } from "./password-strength.js";
import { toUser } from "./present.js";
import { clearSetupToken } from "./setup-token.js";
import { findUserByEmail, insertUser } from "./store.js";

/**
 * Creates a staff user with a password: `fyr user add` (the bootstrap admin, run by whoever holds the
 * shell) and setup (the first admin, as nobody). Admins in the console invite instead (invite-user.ts).
 */
export async function insertStaffUser(ctx: ServiceContext, input: UserCreate, passwordField: string): Promise<User> {
  assertStrongPassword(input.password, input, passwordField);
  const roles = [...new Set<Role>(input.roles)];
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw conflict("email_taken", "A user with this e-mail exists");
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      roles,
      passwordHash,
      at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "user.created",
      target: { type: "user", id: row.id },
      diff: { email: row.email, name: row.name, roles },
      ip: ctx.ip,
    });
    // Setup is for a Fyr without users: once one exists (the CLI's first admin, say), the printed
    // link must not make another admin, and `fyr setup-link` has nothing left to show.
    if (await clearSetupToken(tx)) {
      await appendAudit(tx, ctx.clock, { actor: ctx.actor, action: "setup.token_cleared", ip: ctx.ip });
    }
    return toUser(row);
  });
}
