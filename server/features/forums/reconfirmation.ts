import type { Config } from "../../platform/config.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Logger } from "../../platform/log.js";
import { queueMail } from "../../platform/mail/index.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { audit } from "./audit.js";
import { reconfirmMail } from "./forum-mail.js";
import {
  claimReconfirmQuestion,
  lapseUnanswered,
  selectDueForReconfirmation,
  selectForum,
  selectUnanswered,
} from "./forums-store.js";

// Yearly reconfirmation: a year after a member was last confirmed they are asked (mail in their
// language, a button in the member area); unanswered after the grace period, the membership lapses —
// they no longer see the forum or get its mail, and a sponsor may propose them again. Each step is one
// transaction per member with its audit entry, claimed in one statement so two workers never act twice.

export const RECONFIRM_AFTER_MS = 365 * 24 * 3_600_000;
export const RECONFIRM_GRACE_MS = 30 * 24 * 3_600_000;
const BATCH = 200;

export interface ReconfirmDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, "publicUrl" | "cert" | "timeZone">;
}

/** One pass: asks those due, lapses those who did not answer in time. Returns how many of each. */
export async function runReconfirmation(deps: ReconfirmDeps): Promise<{ asked: number; lapsed: number }> {
  const { db, clock, config } = deps;
  const ctx = { db, clock, actor: systemActor("forum-reconfirmation") };
  const now = clock.now();
  let asked = 0;
  let lapsed = 0;
  for (const m of await selectDueForReconfirmation(db, new Date(now.getTime() - RECONFIRM_AFTER_MS), BATCH)) {
    await db.transaction().execute(async (tx) => {
      if (!(await claimReconfirmQuestion(tx, m.id, now))) return;
      const forum = await selectForum(tx, m.forum_id);
      if (!forum) return;
      const language = m.user_language ?? "sv";
      const until = new Date(now.getTime() + RECONFIRM_GRACE_MS).toLocaleDateString(
        language === "sv" ? "sv-SE" : "en-GB",
        { timeZone: config.timeZone, dateStyle: "long" },
      );
      await queueMail(tx, clock, { to: m.email, ...reconfirmMail(language, forum.name, forum.id, until, config) });
      await audit(ctx, tx, "forums.reconfirm_asked", forum.id, { forum: forum.name, name: m.name, email: m.email });
      asked++;
    });
  }
  const cutoff = new Date(now.getTime() - RECONFIRM_GRACE_MS);
  for (const m of await selectUnanswered(db, cutoff, BATCH)) {
    await db.transaction().execute(async (tx) => {
      if (!(await lapseUnanswered(tx, m.id, cutoff))) return;
      const forum = await selectForum(tx, m.forum_id);
      await audit(ctx, tx, "forums.member_lapsed", m.forum_id, { forum: forum?.name, name: m.name, email: m.email });
      lapsed++;
    });
  }
  return { asked, lapsed };
}

/** The pass in the worker role, hourly. */
export function startForumReconfirmation(deps: ReconfirmDeps & { logger: Logger }): Periodic {
  return startPeriodic({
    what: "forum reconfirmation",
    logger: deps.logger,
    intervalMs: 3_600_000,
    pass: async () => {
      const done = await runReconfirmation(deps);
      if (done.asked + done.lapsed > 0) deps.logger.info(done, "forum memberships asked / lapsed");
    },
  });
}
