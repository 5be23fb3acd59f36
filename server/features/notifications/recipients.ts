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

/** What a pass knows of addresses before it writes: which bounced, which have a key staff stored. */
export interface KnownAddresses {
  failing: ReadonlySet<string>;
  storedKeys: ReadonlyMap<string, openpgp.PublicKey>;
}

/** Looks up, in a few statements, the failing addresses and stored keys of every target's contacts. */
export async function lookUpAddresses(
  db: Db,
  targets: readonly NotificationTarget[],
  now: Date,
): Promise<KnownAddresses> {
  const all = [...new Set(targets.flatMap((t) => t.contacts.map((c) => c.email)))];
  const keyless = [...new Set(targets.flatMap((t) => t.contacts.filter((c) => !c.pgpKey).map((c) => c.email)))];
  const failing = new Set<string>();
  const storedKeys = new Map<string, openpgp.PublicKey>();
  for (let i = 0; i < all.length; i += 5_000)
    for (const a of await selectFailingAddresses(db, all.slice(i, i + 5_000))) failing.add(a);
  for (let i = 0; i < keyless.length; i += 5_000)
    for (const [a, k] of await recipientKeys(db, keyless.slice(i, i + 5_000), now)) storedKeys.set(a, k);
  return { failing, storedKeys };
}

/**
 * The recipients of a digest to `target` now, with their keys: the contact's own, else one staff stored.
 * `known`: what the pass looked up for all its digests at once (else it is read here).
 */
export async function chooseRecipients(
  db: Db,
  target: NotificationTarget,
  now: Date,
  known?: KnownAddresses,
): Promise<ChosenRecipients> {
  const failing =
    known?.failing ??
    (await selectFailingAddresses(
      db,
      target.contacts.map((c) => c.email),
    ));
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
  const stored =
    known?.storedKeys ??
    (missing.length > 0 ? await recipientKeys(db, missing, now) : new Map<string, openpgp.PublicKey>());
  const keys = to.map((a) => own.get(a) ?? stored.get(a));
  return { to, language, keys: keys.every((k) => k !== undefined) ? keys : null };
}
