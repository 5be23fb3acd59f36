import type {
  Asn,
  Contact,
  Domain,
  Inhibition,
  Network,
  Organisation,
  OrganisationSummary,
  UrlPrefix,
} from "../../../contract/constituency.js";
import type { ContactRow } from "./contacts-store.js";
import type { AsnRow, DomainRow, InhibitionRow, NetworkRow, UrlPrefixRow } from "./holdings-store.js";
import { domainForPeople } from "./names.js";
import type { OrganisationListRow, OrganisationRef, OrganisationRow } from "./organisations-store.js";
import { parseAddress, rangeToCidrs } from "./ranges.js";

// Rows as the API shows them (contract/constituency.ts).

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const YEAR_MS = 365 * 24 * 3600 * 1000;

function provenance(row: {
  origin: "manual" | "automatic";
  source: string | null;
  imported_at: Date | null;
  edited_at: Date | null;
}) {
  return { origin: row.origin, source: row.source, importedAt: iso(row.imported_at), editedAt: iso(row.edited_at) };
}

export function presentNetwork(row: NetworkRow, alsoClaimedBy: OrganisationRef[] = []): Network {
  const first = parseAddress(row.first_address);
  const last = parseAddress(row.last_address);
  const family = first?.family ?? 4;
  return {
    id: row.id,
    label: row.label,
    first: row.first_address,
    last: row.last_address,
    family,
    cidrs: first && last ? rangeToCidrs({ family, first: first.value, last: last.value }) : [],
    alsoClaimedBy,
    createdAt: row.created_at.toISOString(),
    ...provenance(row),
  };
}

export const presentAsn = (row: AsnRow): Asn => ({
  id: row.id,
  asn: row.asn,
  createdAt: row.created_at.toISOString(),
  ...provenance(row),
});

export const presentDomain = (row: DomainRow): Domain => ({
  id: row.id,
  domain: row.domain,
  unicode: domainForPeople(row.domain),
  createdAt: row.created_at.toISOString(),
  ...provenance(row),
});

export const presentUrlPrefix = (row: UrlPrefixRow): UrlPrefix => ({
  id: row.id,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  ...provenance(row),
});

/** Whether a contact is due for confirmation: never confirmed, or not within a year of `now`. */
export function isUnverified(row: Pick<ContactRow, "last_verified_at">, now: Date): boolean {
  return row.last_verified_at === null || row.last_verified_at.getTime() < now.getTime() - YEAR_MS;
}

export const verifiedBefore = (now: Date): Date => new Date(now.getTime() - YEAR_MS);

export function presentContact(row: ContactRow, now: Date): Contact {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    role: row.role,
    language: row.language,
    pgpFingerprint: row.pgp_fingerprint,
    pgpExpiresAt: iso(row.pgp_expires_at),
    pgpExpired: row.pgp_expires_at !== null && row.pgp_expires_at <= now,
    lastVerifiedAt: iso(row.last_verified_at),
    verificationSentAt: iso(row.verification_sent_at),
    unverified: isUnverified(row, now),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...provenance(row),
  };
}

export function presentInhibition(row: InhibitionRow, now: Date): Inhibition {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    network: row.network_id && row.network_label ? { id: row.network_id, label: row.network_label } : null,
    classificationTypes: row.classification_types,
    reason: row.reason,
    expiresAt: iso(row.expires_at),
    active: row.expires_at === null || row.expires_at > now,
    createdBy: row.created_by && row.created_by_name ? { id: row.created_by, name: row.created_by_name } : null,
    createdAt: row.created_at.toISOString(),
  };
}

export interface OrganisationParts {
  parent: OrganisationRef | null;
  children: OrganisationRef[];
  networks: Network[];
  asns: AsnRow[];
  domains: DomainRow[];
  urlPrefixes: UrlPrefixRow[];
  contacts: ContactRow[];
  inhibitions: InhibitionRow[];
}

export function presentOrganisation(row: OrganisationRow, parts: OrganisationParts, now: Date): Organisation {
  return {
    id: row.id,
    name: row.name,
    orgNumber: row.org_number,
    sector: row.sector,
    nis2Entity: row.nis2_entity,
    language: row.language,
    parent: parts.parent,
    children: parts.children,
    tags: row.tags,
    notes: row.notes,
    notification: { interval: row.notification_interval },
    origin: row.origin,
    source: row.source,
    importedAt: iso(row.imported_at),
    editedAt: iso(row.edited_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    networks: parts.networks,
    asns: parts.asns.map(presentAsn),
    domains: parts.domains.map(presentDomain),
    urlPrefixes: parts.urlPrefixes.map(presentUrlPrefix),
    contacts: parts.contacts.map((c) => presentContact(c, now)),
    inhibitions: parts.inhibitions.map((i) => presentInhibition(i, now)),
  };
}

export function presentSummary(row: OrganisationListRow): OrganisationSummary {
  return {
    id: row.id,
    name: row.name,
    orgNumber: row.org_number,
    sector: row.sector,
    nis2Entity: row.nis2_entity,
    parent: row.parent_id && row.parent_name ? { id: row.parent_id, name: row.parent_name } : null,
    origin: row.origin,
    networks: Number(row.networks),
    domains: Number(row.domains),
    contacts: Number(row.contacts),
    updatedAt: row.updated_at.toISOString(),
  };
}
