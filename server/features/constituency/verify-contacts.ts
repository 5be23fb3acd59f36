import { createHash, randomBytes } from "node:crypto";
import { systemActor } from "../../platform/auth/actor.js";
import { mailSignature } from "../../platform/cert-contact.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import type { Logger } from "../../platform/log.js";
import { queueMail } from "../../platform/mail/index.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { audit } from "./audit.js";
import { verifiedBefore } from "./present.js";
import { verificationMailText } from "./verification-mail.js";
import {
  type DueContact,
  insertVerificationLink,
  selectDueContacts,
  selectLinkContact,
  useVerificationLink,
} from "./verification-store.js";

// The yearly confirmation (issue 14): each contact not confirmed for a year is mailed a one-time link
// (sv/en by the contact's language, through the outbox); one click on the page it opens confirms. Only
// the token's SHA-256 is stored. A contact who does not answer is asked again after ASK_AGAIN_DAYS and
// stays on the unverified list for staff meanwhile.

const DAY_MS = 24 * 3600 * 1000;
/** How long a link works, and how long before an unanswered contact is asked again. */
export const LINK_DAYS = 30;
const ASK_AGAIN_DAYS = 30;
const PER_PASS = 100;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface VerificationDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, "publicUrl" | "cert">;
}

async function askOne(ctx: ServiceContext, tx: Db, contact: DueContact, config: VerificationDeps["config"]) {
  const token = randomBytes(32).toString("base64url");
  const at = ctx.clock.now();
  await insertVerificationLink(tx, contact.id, hashToken(token), at, new Date(at.getTime() + LINK_DAYS * DAY_MS));
  const { subject, text } = verificationMailText({
    language: contact.language,
    organisation: contact.organisation_name,
    email: contact.email,
    role: contact.role,
    url: `${config.publicUrl}/verify-contact/${token}`,
    certSignature: mailSignature(config.cert, contact.language),
  });
  await queueMail(tx, ctx.clock, { to: contact.email, subject, text });
  await audit(ctx, tx, "constituency.contact_verification_sent", contact.organisation_id, {
    contact: contact.id,
    email: contact.email,
  });
}

/** One pass: mails up to PER_PASS due contacts, in one transaction holding their rows; answers how many. */
export async function sendContactVerifications(deps: VerificationDeps): Promise<number> {
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: systemActor("constituency") };
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const due = await selectDueContacts(
      tx,
      verifiedBefore(now),
      new Date(now.getTime() - ASK_AGAIN_DAYS * DAY_MS),
      PER_PASS,
    );
    for (const contact of due) await askOne(ctx, tx, contact, deps.config);
    return due.length;
  });
}

/** The verification pass in the worker role: every ten minutes (the mail is yearly; no hurry). */
export function startContactVerification(deps: VerificationDeps & { logger: Logger }): Periodic {
  return startPeriodic({
    what: "contact verification",
    logger: deps.logger,
    intervalMs: 10 * 60_000,
    pass: async () => {
      // A first pass after an import can find thousands: keep going while whole batches come back.
      while ((await sendContactVerifications(deps)) === PER_PASS);
    },
  });
}

/** What the confirmation page shows for a link, or null when it is unknown, used or expired. */
export async function describeVerificationLink(
  deps: Pick<VerificationDeps, "db" | "clock">,
  token: string,
): Promise<{ email: string; organisation: string; language: "sv" | "en" } | null> {
  const contact = await selectLinkContact(deps.db, hashToken(token), deps.clock.now());
  return contact ? { email: contact.email, organisation: contact.organisation_name, language: contact.language } : null;
}

/** One click: the link is used and the contact confirmed now (404 for a link unknown, used or expired). */
export async function confirmContact(
  deps: Pick<VerificationDeps, "db" | "clock">,
  token: string,
  ip: string | null,
): Promise<{ email: string; language: "sv" | "en" }> {
  const ctx: ServiceContext = { db: deps.db, clock: deps.clock, actor: systemActor("constituency"), ip };
  return deps.db.transaction().execute(async (tx) => {
    const contact = await useVerificationLink(tx, hashToken(token), deps.clock.now());
    if (!contact) throw notFound("contact_verification_invalid", "The link is unknown, used or expired");
    await audit(ctx, tx, "constituency.contact_verified", contact.organisation_id, {
      contact: contact.id,
      email: contact.email,
    });
    return { email: contact.email, language: contact.language };
  });
}
