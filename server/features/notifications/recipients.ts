import type * as openpgp from "openpgp";
import type { Db } from "../../platform/db/connect.js";
import { usablePublicKeys } from "../pgp-keys/parse-key.js";
import { recipientKeys } from "../pgp-keys/recipient-keys.js";
import type { NotificationContact, NotificationTarget } from "../constituency/index.js";
import type { Language } from "./compose-digest.js";
import { selectFailingAddresses } from "./delivery-store.js";

// Whom a digest goes to: the organisation's abuse contacts, else its security contacts, leaving out the
// addresses a hard bounce proved dead; in the first such contact's language. Nobody left: the
// organisation cannot be reached (staff see it on the list).

export interface ChosenRecipients {
  to: string[];
  language: Language;
  /** Every recipient's usable key, or null when one of them has none (then the mail is only signed). */
  keys: openpgp.PublicKey[] | null;
}

/** The contacts a digest is written to (before bounces are taken into account). */
export function contactsToTell(target: NotificationTarget, failing: ReadonlySet<string>): NotificationContact[] {
  const working = target.contacts.filter((c) => !failing.has(c.email));
  const abuse = working.filter((c) => c.role === "abuse");
  return abuse.length > 0 ? abuse : working.filter((c) => c.role === "security");
}

/** The recipients of a digest to `target` now, with their keys: the contact's own, else one staff stored. */
export async function chooseRecipients(db: Db, target: NotificationTarget, now: Date): Promise<ChosenRecipients> {
  const failing = await selectFailingAddresses(
    db,
    target.contacts.map((c) => c.email),
  );
  const contacts = contactsToTell(target, failing);
  const language = contacts[0]?.language ?? target.language;
  const to = [...new Set(contacts.map((c) => c.email))];
  if (to.length === 0) return { to, language, keys: null };
  const own = new Map<string, openpgp.PublicKey>();
  for (const c of contacts) {
    if (!c.pgpKey || own.has(c.email)) continue;
    const [key] = await usablePublicKeys([c.pgpKey], now);
    if (key) own.set(c.email, key);
  }
  const missing = to.filter((a) => !own.has(a));
  const stored = missing.length > 0 ? await recipientKeys(db, missing, now) : new Map<string, openpgp.PublicKey>();
  const keys = to.map((a) => own.get(a) ?? stored.get(a));
  return { to, language, keys: keys.every((k) => k !== undefined) ? keys : null };
}
