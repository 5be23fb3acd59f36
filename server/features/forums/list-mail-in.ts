import { simpleParser } from "mailparser";
import { TlpLabel } from "../../../contract/intake.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { TlpLabel as TlpLabelType } from "../../platform/db/tables/intake.js";
import type { Logger } from "../../platform/log.js";
import { tlpRank } from "../../platform/tlp.js";
import { audit } from "./audit.js";
import { type ForumRow, selectForumByAddress, selectMemberByEmail } from "./forums-store.js";
import { mayMailForum } from "./policy.js";
import { storePost } from "./posts.js";
import { insertHeldMail } from "./posts-store.js";

// Mail to a forum's list address (the inbound SMTP listener's recipient route, as feeds' mailboxes are):
// from an active member's address it becomes a post, distributed like one written on the web; from
// anyone else, above the forum's maximum TLP, or empty, it is held — recorded for staff, sent to nobody.
// The TLP is the first label in the subject ("[TLP:AMBER] …"), else the forum's default. Mail that is
// itself automatic (Auto-Submitted, or carrying a forum's List-Id) is dropped, so lists never loop.

export interface ForumMailContext {
  db: Db;
  clock: Clock;
  logger: Logger;
}

const TLP_IN_SUBJECT = /\bTLP:(CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)\b/i;

/** The subject's TLP label (TLP 1.0's WHITE read as CLEAR), or undefined. */
export function tlpOfSubject(subject: string): TlpLabelType | undefined {
  const found = TLP_IN_SUBJECT.exec(subject)?.[1]?.toUpperCase();
  if (!found) return undefined;
  const parsed = TlpLabel.safeParse(`TLP:${found === "WHITE" ? "CLEAR" : found}`);
  return parsed.success ? parsed.data : undefined;
}

/** The subject without list and TLP tags: the post's title. */
const titleOf = (subject: string, forum: string) =>
  subject
    .replace(new RegExp(`\\[${forum.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]`, "g"), "")
    .replace(/\[?\bTLP:[A-Z+]+\b\]?/gi, "")
    .trim()
    .slice(0, 300);

/** Takes one mail for the forum; returns what became of it. */
export async function takeForumMail(
  deps: ForumMailContext,
  forum: ForumRow,
  raw: Buffer,
): Promise<"posted" | "held" | "dropped"> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const auto = mail.headers.get("auto-submitted");
  if ((typeof auto === "string" && auto.toLowerCase() !== "no") || mail.headers.has("list-id")) return "dropped";
  const sender = (mail.from?.value[0]?.address ?? "").toLowerCase();
  const subject = (mail.subject ?? "").replace(/[\r\n]/g, " ").slice(0, 998);
  const body = (mail.text ?? "").trim().slice(0, 100_000);
  const ctx = { db: deps.db, clock: deps.clock, actor: systemActor("forum-mail") };
  const member = sender ? await selectMemberByEmail(ctx.db, forum.id, sender) : undefined;
  const tlp = tlpOfSubject(subject) ?? forum.default_tlp;
  const reason =
    !mayMailForum(member) || !member?.user_id
      ? "not_a_member"
      : tlpRank(tlp) > tlpRank(forum.max_tlp)
        ? "tlp_above_max"
        : body === ""
          ? "empty"
          : null;
  return ctx.db.transaction().execute(async (tx) => {
    if (reason !== null || !member?.user_id) {
      await insertHeldMail(tx, {
        forum_id: forum.id,
        sender: sender.slice(0, 254),
        subject: subject.slice(0, 300),
        reason: reason ?? "not_a_member",
        received_at: ctx.clock.now(),
      });
      await audit(ctx, tx, "forums.mail_held", forum.id, { forum: forum.name, sender, reason });
      deps.logger.info({ forum: forum.id, reason }, "forum mail held");
      return "held" as const;
    }
    await storePost(ctx, tx, forum, {
      kind: "post",
      title: titleOf(subject, forum.name) || "—",
      body,
      tlp,
      meetingOn: null,
      authorId: member.user_id,
      via: "mail",
    });
    return "posted" as const;
  });
}

/**
 * The inbound SMTP listener's route to forums: the taker of a mail addressed to a forum's list, or null
 * when no recipient is one.
 */
export function forumMailRoute(ctx: ForumMailContext) {
  return async (recipients: readonly string[]): Promise<((raw: Buffer) => Promise<unknown>) | null> => {
    for (const address of recipients) {
      const forum = await selectForumByAddress(ctx.db, address);
      if (forum) return (raw) => takeForumMail(ctx, forum, raw);
    }
    return null;
  };
}
