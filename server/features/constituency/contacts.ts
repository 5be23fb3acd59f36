import type { Updateable } from "kysely";
import type { Contact, ContactCreate, ContactPatch } from "../../../contract/constituency.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { OrganisationContactsTable } from "../../platform/db/tables/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { audit } from "./audit.js";
import { readContactKey } from "./contact-key.js";
import { deleteContact, insertContact, isContactTaken, selectContact, updateContactRow } from "./contacts-store.js";
import { presentContact } from "./present.js";
import { lockOrganisation, touchOrganisation } from "./update-organisation.js";

// An organisation's contacts: who to reach there, in which role and language, with their OpenPGP key.

const taken = () => conflict("organisation_contact_exists", "The organisation has this address in this role already");

/** Adds a contact; its key (if given) is read for its fingerprint and expiry. */
export async function addContact(ctx: ServiceContext, organisationId: string, input: ContactCreate): Promise<Contact> {
  const key = input.pgpKey?.trim() ? await readContactKey(input.pgpKey, "body.pgpKey") : null;
  return inTransaction(ctx.db, async (tx) => {
    const org = await lockOrganisation(ctx, tx, organisationId);
    const at = ctx.clock.now();
    const row = await insertContact(tx, {
      organisation_id: organisationId,
      email: input.email,
      name: input.name || null,
      phone: input.phone || null,
      role: input.role,
      language: input.language ?? org.language,
      pgp_key: key?.armored ?? null,
      pgp_fingerprint: key?.fingerprint ?? null,
      pgp_expires_at: key?.expiresAt ?? null,
      created_at: at,
      updated_at: at,
    });
    if (!row) throw taken();
    await touchOrganisation(ctx, tx, org);
    await audit(ctx, tx, "constituency.contact_added", organisationId, {
      contact: row.id,
      email: row.email,
      role: row.role,
      pgpFingerprint: row.pgp_fingerprint,
    });
    return presentContact(row, at);
  });
}

/**
 * Changes a contact. A person's edit of an imported contact sets `edited_at`, so the next import leaves it
 * alone; `pgpKey: null` removes the key.
 */
export async function updateContact(
  ctx: ServiceContext,
  organisationId: string,
  contactId: string,
  patch: ContactPatch,
): Promise<Contact> {
  const key = patch.pgpKey?.trim() ? await readContactKey(patch.pgpKey, "body.pgpKey") : null;
  return inTransaction(ctx.db, async (tx) => {
    const org = await lockOrganisation(ctx, tx, organisationId);
    const current = await selectContact(tx, organisationId, contactId, { forUpdate: true });
    if (!current) throw notFound("organisation_item_not_found", `No contact ${contactId} on this organisation`);
    const email = patch.email ?? current.email;
    const role = patch.role ?? current.role;
    if (
      (email !== current.email || role !== current.role) &&
      (await isContactTaken(tx, organisationId, email, role, contactId))
    )
      throw taken();
    const at = ctx.clock.now();
    const changes: Updateable<OrganisationContactsTable> = {
      email,
      role,
      ...(patch.name !== undefined ? { name: patch.name || null } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone || null } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.pgpKey !== undefined
        ? {
            pgp_key: key?.armored ?? null,
            pgp_fingerprint: key?.fingerprint ?? null,
            pgp_expires_at: key?.expiresAt ?? null,
          }
        : {}),
      // A new address has not been confirmed by anyone.
      ...(email !== current.email ? { last_verified_at: null, verification_sent_at: null } : {}),
      ...(ctx.actor.kind === "user" && current.origin === "automatic" ? { edited_at: at } : {}),
      updated_at: at,
    };
    const row = await updateContactRow(tx, contactId, changes);
    await touchOrganisation(ctx, tx, org);
    const { pgpKey, ...rest } = patch;
    await audit(ctx, tx, "constituency.contact_updated", organisationId, {
      contact: contactId,
      ...rest,
      ...(pgpKey !== undefined ? { pgpFingerprint: row.pgp_fingerprint } : {}),
    });
    return presentContact(row, at);
  });
}

/** Removes a contact. */
export async function removeContact(ctx: ServiceContext, organisationId: string, contactId: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const org = await lockOrganisation(ctx, tx, organisationId);
    const removed = await deleteContact(tx, organisationId, contactId);
    if (!removed) throw notFound("organisation_item_not_found", `No contact ${contactId} on this organisation`);
    await touchOrganisation(ctx, tx, org);
    await audit(ctx, tx, "constituency.contact_removed", organisationId, {
      contact: contactId,
      email: removed.email,
      role: removed.role,
      origin: removed.origin,
    });
  });
}
