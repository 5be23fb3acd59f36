import type { UserPage, UsersQuery } from "../../../contract/accounts.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid } from "../../platform/errors.js";
import { assertMayManageUsers } from "./policy.js";
import { toUser } from "./present.js";
import { listUsers } from "./store.js";

/** Staff users by e-mail, one page at a time (the cursor is the last e-mail, base64url). */
export async function listUsersPage(ctx: ServiceContext, query: UsersQuery): Promise<UserPage> {
  assertMayManageUsers(ctx.actor);
  let after: string | null = null;
  if (query.cursor) {
    after = Buffer.from(query.cursor, "base64url").toString("utf8");
    if (!after.includes("@")) throw invalid("invalid_cursor", "The cursor is not valid");
  }
  const rows = await listUsers(ctx.db, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? Buffer.from(last.email, "utf8").toString("base64url") : null;
  return { items: page.map(toUser), nextCursor };
}
