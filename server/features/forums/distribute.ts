import type * as OpenPgp from "openpgp";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { Clock } from "../../platform/clock.js";
import { type JobDefinition, defineJob } from "../../platform/jobs/index.js";
import { queueMail } from "../../platform/mail/index.js";
import { loadOpenPgp } from "../../platform/openpgp.js";
import type { CertKeySource } from "../mailing-lists/index.js";
import { distributeSpec } from "./distribute-spec.js";
import { forumListHeaders, forumUrl, postMailText, redPointer } from "./forum-mail.js";
import { type MemberRow, selectForum, selectRecipients } from "./forums-store.js";
import { mayMailInClear, receivesForumMail } from "./policy.js";
import { markDistributed, selectPost } from "./posts-store.js";

// A post goes out as Schleuder sends list mail: one message per recipient, encrypted to that recipient's
// key when the forum knows it (signed with the CERT key when one is configured), plain otherwise. The
// recipients are policy.ts's (active members), less the author and those who take a daily digest. One
// transaction writes every message into the outbox and marks the post distributed, so a crash sends all
// or none, and a second run finds it distributed and sends nothing.

export interface DistributeDeps {
  config: Pick<Config, "publicUrl" | "cert">;
  certKey: CertKeySource;
}

/** Armored text encrypted to `armoredKey` (and signed with the CERT key), or null when the key is unusable. */
export async function encryptFor(
  text: string,
  armoredKey: string,
  certKey: OpenPgp.PrivateKey | null,
): Promise<string | null> {
  const pgp = await loadOpenPgp();
  try {
    const key = await pgp.readKey({ armoredKey });
    return await pgp.encrypt({
      message: await pgp.createMessage({ text }),
      encryptionKeys: key,
      ...(certKey ? { signingKeys: certKey } : {}),
    });
  } catch {
    return null;
  }
}

/** The job the composition root lists. */
export function createForumDistributeJob(deps: DistributeDeps): JobDefinition<{ postId: string }> {
  return defineJob({
    ...distributeSpec,
    async handler({ postId }, ctx) {
      const certKey = await deps.certKey();
      await ctx.db.transaction().execute((tx) => distributePost(tx, ctx.clock, deps, postId, certKey));
    },
  });
}

async function distributePost(
  tx: Db,
  clock: Clock,
  deps: DistributeDeps,
  postId: string,
  certKey: OpenPgp.PrivateKey | null,
): Promise<void> {
  const post = await selectPost(tx, postId);
  if (!post || post.distributed_at !== null) return;
  // Claimed first: a second run of this job waits on the row and then finds it distributed.
  if (!(await markDistributed(tx, postId, clock.now()))) return;
  const forum = await selectForum(tx, post.forum_id);
  if (!forum) return;
  const recipients = (await selectRecipients(tx, forum.id)).filter(
    (m: MemberRow) =>
      receivesForumMail({ status: m.status, userId: m.user_id }) && !m.digest && m.user_id !== post.author_id,
  );
  const headers = {
    ...forumListHeaders(forum, deps.config),
    ...(forum.list_address ? { "Reply-To": forum.list_address } : {}),
  };
  for (const m of recipients) {
    const language = m.user_language ?? "sv";
    const words = postMailText(language, {
      forum: forum.name,
      author: post.author,
      title: post.title,
      body: post.body,
      tlp: post.tlp,
      url: forumUrl(deps.config, forum.id),
    });
    const sealed = m.pgp_key ? await encryptFor(words.text, m.pgp_key, certKey) : null;
    // An encrypted message's subject says no more than the forum and the TLP.
    const subject = sealed || !mayMailInClear(post.tlp) ? `[${forum.name}] [${post.tlp}] …` : words.subject;
    const text =
      sealed ??
      (mayMailInClear(post.tlp) ? words.text : redPointer(language, forum.name, forumUrl(deps.config, forum.id)));
    await queueMail(tx, clock, { to: m.email, subject, text, headers });
  }
}
