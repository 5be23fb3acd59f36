import { z } from "zod";
import type { UserPage, UsersQuery } from "../../../contract/accounts.js";
import type { ServiceContext } from "../../platform/deps.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { assertMayManageUsers } from "./policy.js";
import { toUser } from "./present.js";
import { listUsers } from "./store.js";

/** The last e-mail address of a page (users are listed by e-mail). */
const USER_KEYS = keyset(z.object({ email: z.string().includes("@").max(320) }).strict());

/** Staff users by e-mail, one page at a time. */
export async function listUsersPage(ctx: ServiceContext, query: UsersQuery): Promise<UserPage> {
  assertMayManageUsers(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    USER_KEYS,
    ({ after, limit }) => listUsers(ctx.db, limit, after?.email ?? null),
    (row) => ({ email: row.email }),
  );
  return { items: rows.map(toUser), nextCursor };
}
