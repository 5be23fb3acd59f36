import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { queueMail } from "../../platform/mail/index.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import type { CertKeySource } from "../mailing-lists/index.js";
import { type DistributeDeps, encryptFor } from "./distribute.js";
import { digestMailText, forumListHeaders, forumUrl, redPointer } from "./forum-mail.js";
import { mayMailInClear } from "./policy.js";
import { claimDigest, selectDigestDue, selectForum } from "./forums-store.js";
import { selectPostsSince } from "./posts-store.js";

// Daily digests for members who choose them: one mail a day per forum with what was posted since the
// last one (by others), encrypted to the member's key when known. Active members only (the store's
// condition, policy.ts's receivesForumMail); claimed by compare-and-set on digest_sent_at, so two
// workers send one digest. Nothing posted: nothing sent, the period still moves on.

const DAY_MS = 24 * 3_600_000;
const BATCH = 200;
const MAX_POSTS = 200;

export interface DigestDeps extends DistributeDeps {
  db: Db;
  clock: Clock;
  certKey: CertKeySource;
}

/** One pass: every member whose digest is due gets it. Returns how many mails were queued. */
export async function runDigests(deps: DigestDeps): Promise<number> {
  const { db, clock } = deps;
  const now = clock.now();
  const certKey = await deps.certKey();
  let sent = 0;
  for (const m of await selectDigestDue(db, new Date(now.getTime() - DAY_MS), BATCH)) {
    await db.transaction().execute(async (tx) => {
      if (!(await claimDigest(tx, m.id, m.digest_sent_at, now))) return;
      const forum = await selectForum(tx, m.forum_id);
      // The first digest covers the day before it (or since joining, if later).
      const since = m.digest_sent_at ?? new Date(Math.max(now.getTime() - DAY_MS, (m.decided_at ?? now).getTime()));
      const posts = (await selectPostsSince(tx, m.forum_id, since, MAX_POSTS)).filter((p) => p.author_id !== m.user_id);
      if (!forum || posts.length === 0) return;
      const language = m.user_language ?? "sv";
      const url = forumUrl(deps.config, forum.id);
      const words = digestMailText(language, { forum: forum.name, url, posts });
      const sealed = m.pgp_key ? await encryptFor(words.text, m.pgp_key, certKey) : null;
      // In clear mail a TLP:RED post is named by its pointer, never its text (policy.ts).
      const clear = posts.map((p) =>
        mayMailInClear(p.tlp) ? p : { ...p, title: "TLP:RED", body: redPointer(language, forum.name, url) },
      );
      const text = sealed ?? digestMailText(language, { forum: forum.name, url, posts: clear }).text;
      await queueMail(tx, clock, {
        to: m.email,
        subject: words.subject,
        text,
        headers: forumListHeaders(forum, deps.config),
      });
      sent++;
    });
  }
  return sent;
}

/** The pass in the worker role, hourly (each member's digest at most once a day). */
export function startForumDigests(deps: DigestDeps & { logger: Logger }): Periodic {
  return startPeriodic({
    what: "forum digests",
    logger: deps.logger,
    intervalMs: 3_600_000,
    pass: async () => {
      const n = await runDigests(deps);
      if (n > 0) deps.logger.info({ digests: n }, "forum digests queued");
    },
  });
}
