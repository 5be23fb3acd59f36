import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import { type AutomatedReason, automatedReason } from "./automated.js";
import type { ParsedInboundMail } from "./parse.js";
import { countMailedReportsFrom } from "./store.js";

/** At most this many acknowledgements go to one sender per hour (a loop with another robot ends here). */
export const ACKNOWLEDGEMENTS_PER_SENDER_PER_HOUR = 3;

export interface AcknowledgeDecision {
  acknowledge: boolean;
  /** Why not, when not. */
  reason: AutomatedReason | "sender-limit" | null;
}

/**
 * Decides whether a new mailed report may be acknowledged by mail: never to automated mail (RFC 3834),
 * and only for the first few reports per sender and hour, counted in the database so the limit holds
 * across processes. Call it right before the report is stored (the count excludes this message).
 */
export async function decideAcknowledgement(
  db: Db,
  clock: Clock,
  mail: ParsedInboundMail,
  envelopeFrom: string | null,
): Promise<AcknowledgeDecision> {
  const reason = automatedReason({
    headers: mail.headers,
    fromAddress: mail.from?.address ?? null,
    envelopeFrom,
    contentType: mail.contentType,
  });
  if (reason) return { acknowledge: false, reason };
  const address = mail.from?.address;
  if (!address) return { acknowledge: false, reason: "no-sender" };
  const since = new Date(clock.now().getTime() - 3_600_000);
  const earlier = await countMailedReportsFrom(db, address, since);
  if (earlier >= ACKNOWLEDGEMENTS_PER_SENDER_PER_HOUR) return { acknowledge: false, reason: "sender-limit" };
  return { acknowledge: true, reason: null };
}
