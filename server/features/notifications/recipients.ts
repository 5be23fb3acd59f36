import type * as openpgp from "openpgp";
import type { Db } from "../../platform/db/connect.js";
import { usablePublicKeys } from "../pgp-keys/parse-key.js";
import { recipientKeys } from "../pgp-keys/recipient-keys.js";
import type { NotificationContact, NotificationTarget } from "../constituency/index.js";
import type { Language } from "./compose-digest.js";
import { selectFailingAddresses } from "./delivery-store.js";

// Whom a digest goes to: the organisation's abuse contacts, else its security contacts, leaving out the
// addresses a hard bounce proved dead; each contact in their own language (one mail per language the
// contacts read, make-digest.ts). Nobody left: the organisation cannot be reached (staff see it on the list).

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
 * The recipients of a digest to `target` now, one group per language their contacts speak (in the order
 * the contacts come), each with its keys: the contact's own, else one staff stored. Nobody to write to:
 * one empty group in the organisation's language (the digest is recorded, the organisation unreachable).
 * `known`: what the pass looked up for all its digests at once (else it is read here).
 */
export async function chooseRecipientGroups(
  db: Db,
  target: NotificationTarget,
  now: Date,
  known?: KnownAddresses,
): Promise<ChosenRecipients[]> {
  const failing =
    known?.failing ??
    (await selectFailingAddresses(
      db,
      target.contacts.map((c) => c.email),
    ));
  const contacts = contactsToTell(target, failing);
  if (contacts.length === 0) return [{ to: [], language: target.language, keys: null }];
  const own = new Map<string, openpgp.PublicKey>();
  for (const c of contacts) {
    if (!c.pgpKey || own.has(c.email)) continue;
    const [key] = await usablePublicKeys([c.pgpKey], now);
    if (key) own.set(c.email, key);
  }
  const missing = [...new Set(contacts.map((c) => c.email))].filter((a) => !own.has(a));
  const stored =
    known?.storedKeys ??
    (missing.length > 0 ? await recipientKeys(db, missing, now) : new Map<string, openpgp.PublicKey>());
  // An address listed twice in two languages is written to once, in the first one's.
  const byLanguage = new Map<Language, string[]>();
  const placed = new Set<string>();
  for (const c of contacts) {
    if (placed.has(c.email)) continue;
    placed.add(c.email);
    const group = byLanguage.get(c.language) ?? [];
    group.push(c.email);
    byLanguage.set(c.language, group);
  }
  return [...byLanguage].map(([language, to]) => {
    const keys = to.map((a) => own.get(a) ?? stored.get(a));
    return { to, language, keys: keys.every((k) => k !== undefined) ? keys : null };
  });
}

/**
 * The recipients of a digest written in `language` (a resend): the group of that language, else —
 * when the registry no longer names a contact who reads it — every group's addresses together, so the
 * digest still reaches the organisation as it was written.
 */
export async function chooseRecipients(
  db: Db,
  target: NotificationTarget,
  now: Date,
  language: Language,
): Promise<ChosenRecipients> {
  const groups = await chooseRecipientGroups(db, target, now);
  const same = groups.find((g) => g.language === language);
  if (same) return same;
  const to = groups.flatMap((g) => g.to);
  const keys = groups.every((g) => g.keys !== null) ? groups.flatMap((g) => g.keys ?? []) : null;
  return { to, language, keys: to.length > 0 ? keys : null };
}
