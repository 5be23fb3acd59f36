import type { Db } from "../../../platform/db/connect.js";
import { outboxReferences } from "../../../platform/mail/index.js";

// The reply token: every mail Fyr sends has the Message-ID <outbox-id@domain>, the outbox id a random
// UUID (122 bits) that only the recipients ever see. A reply names it in In-Reply-To / References, so
// it proves the sender read our mail about that case — unlike the reference in the subject, which is
// sequential and anyone can type.
const OUR_ID = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^<>\s]+>$/i;

/** The outbox ids of our own mails this message answers. */
export function answeredOutboxIds(inReplyTo: string | null, references: readonly string[]): string[] {
  const ids = [inReplyTo, ...references].flatMap((id) => {
    const match = id ? OUR_ID.exec(id.trim()) : null;
    return match?.[1] ? [match[1].toLowerCase()] : [];
  });
  return [...new Set(ids)].slice(0, 50);
}

/** The case references of the mails answered, newest answer first (In-Reply-To before References). */
export async function answeredReferences(db: Db, outboxIds: readonly string[]): Promise<string[]> {
  const byId = await outboxReferences(db, outboxIds);
  return [...new Set(outboxIds.flatMap((id) => byId.get(id) ?? []))];
}
