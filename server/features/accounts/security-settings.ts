import type { SecuritySettings } from "../../../contract/accounts.js";
import { appendAudit } from "../../platform/audit.js";
import { REQUIRE_TOTP_SETTING } from "../../platform/auth/lookup.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { assertMayManageUsers } from "./policy.js";
import { readSetting, writeSetting } from "./store.js";

/** Whether every staff user must use TOTP. */
export async function readRequireTotp(db: Db): Promise<boolean> {
  return (await readSetting(db, REQUIRE_TOTP_SETTING)) === true;
}

/** The security settings an admin sees. */
export async function getSecuritySettings(ctx: ServiceContext): Promise<SecuritySettings> {
  assertMayManageUsers(ctx.actor);
  return { requireTotp: await readRequireTotp(ctx.db) };
}

/** An admin turns "require 2FA for all staff" on or off. */
export async function putSecuritySettings(ctx: ServiceContext, input: SecuritySettings): Promise<SecuritySettings> {
  assertMayManageUsers(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await readRequireTotp(tx);
    if (before !== input.requireTotp) {
      await writeSetting(tx, REQUIRE_TOTP_SETTING, input.requireTotp, ctx.clock.now());
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "settings.security.updated",
        target: { type: "settings", id: "security" },
        diff: { requireTotp: { from: before, to: input.requireTotp } },
        ip: ctx.ip,
      });
    }
    return { requireTotp: input.requireTotp };
  });
}
