import type { ContactCreate, Organisation, OrganisationCreate } from "../../../contract/constituency.js";
import type { FieldError } from "../../../contract/errors.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, invalid } from "../../platform/errors.js";
import { audit } from "./audit.js";
import { type ContactKey, readContactKey } from "./contact-key.js";
import { insertContact } from "./contacts-store.js";
import { type ParsedHoldings, checkHoldings } from "./holdings-input.js";
import { insertAsns, insertDomains, insertNetworks, insertUrlPrefixes } from "./holdings-store.js";
import { insertOrganisation, selectOrganisation } from "./organisations-store.js";
import { assertMayEditRegistry } from "./policy.js";
import { readOrganisation } from "./read-organisations.js";

/** Reads each contact's key (if given); every unreadable key is a field error at `at.i.pgpKey`. */
export async function readContactKeys(
  contacts: readonly Pick<ContactCreate, "pgpKey">[],
  at: string,
): Promise<{ keys: (ContactKey | null)[]; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const keys = await Promise.all(
    contacts.map(async (c, i) => {
      if (c.pgpKey === undefined || c.pgpKey.trim() === "") return null;
      try {
        return await readContactKey(c.pgpKey, `${at}.${i}.pgpKey`);
      } catch (err) {
        if (err instanceof AppError && err.details.errors) errors.push(...err.details.errors);
        else throw err;
        return null;
      }
    }),
  );
  return { keys, errors };
}

/** Writes holdings already checked onto the organisation (ones it holds already are skipped). */
export async function writeHoldings(tx: Db, organisationId: string, holdings: ParsedHoldings) {
  const [networks, asns, domains, urlPrefixes] = [
    await insertNetworks(
      tx,
      holdings.networks.map((n) => ({
        organisation_id: organisationId,
        first_address: n.first,
        last_address: n.last,
        label: n.label,
      })),
    ),
    await insertAsns(
      tx,
      holdings.asns.map((asn) => ({ organisation_id: organisationId, asn })),
    ),
    await insertDomains(
      tx,
      holdings.domains.map((domain) => ({ organisation_id: organisationId, domain })),
    ),
    await insertUrlPrefixes(
      tx,
      holdings.urlPrefixes.map((prefix) => ({ organisation_id: organisationId, prefix })),
    ),
  ];
  return { networks, asns, domains, urlPrefixes };
}

/**
 * Staff register an organisation with what it owns and who to reach there, in one transaction (every
 * bad network, AS number, domain, URL prefix or key named in one 400, nothing written).
 */
export async function createOrganisation(ctx: ServiceContext, input: OrganisationCreate): Promise<Organisation> {
  assertMayEditRegistry(ctx.actor);
  const { holdings, errors } = checkHoldings(input);
  const contacts = input.contacts ?? [];
  const keys = await readContactKeys(contacts, "body.contacts");
  errors.push(...keys.errors);
  if (errors.length > 0) throw invalid("validation_failed", "Some fields are invalid", errors);
  const at = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (input.parentId && !(await selectOrganisation(tx, input.parentId)))
      throw invalid("organisation_parent_invalid", "No such parent organisation", [
        { path: "body.parentId", message: "no organisation with this id", code: "unknown_value" },
      ]);
    const row = await insertOrganisation(tx, {
      name: input.name,
      org_number: input.orgNumber || null,
      sector: input.sector ?? null,
      nis2_entity: input.nis2Entity ?? null,
      language: input.language ?? "sv",
      parent_id: input.parentId ?? null,
      tags: input.tags ?? [],
      notes: input.notes ?? "",
      notification_interval: input.notification?.interval ?? "daily",
      origin: "manual",
      source: null,
      source_key: null,
      imported_at: null,
      edited_at: null,
      created_at: at,
      updated_at: at,
    });
    const written = await writeHoldings(tx, row.id, holdings);
    for (const [i, c] of contacts.entries()) {
      const key = keys.keys[i] ?? null;
      await insertContact(tx, {
        organisation_id: row.id,
        email: c.email,
        name: c.name || null,
        phone: c.phone || null,
        role: c.role,
        language: c.language ?? input.language ?? "sv",
        pgp_key: key?.armored ?? null,
        pgp_fingerprint: key?.fingerprint ?? null,
        pgp_expires_at: key?.expiresAt ?? null,
        created_at: at,
        updated_at: at,
      });
    }
    await audit(ctx, tx, "constituency.organisation_created", row.id, {
      name: row.name,
      orgNumber: row.org_number,
      networks: written.networks.map((n) => n.label),
      asns: written.asns.map((a) => a.asn),
      domains: written.domains.map((d) => d.domain),
      urlPrefixes: written.urlPrefixes.map((u) => u.prefix),
      contacts: contacts.map((c) => ({ email: c.email, role: c.role })),
    });
    return readOrganisation(tx, row.id, at);
  });
}
