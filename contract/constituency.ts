import { z } from "zod";
import { Email } from "./accounts.js";
import { Sector } from "./intake.js";
import { PageOf } from "./page.js";
import { RSIT_CLASSES } from "./rsit.js";

// The constituency registry (issue 14; api-v1.md "v1 additions" → Constituency): organisations, what they
// own on the Internet (networks, AS numbers, domains, URL prefixes), how to reach them (contacts), what
// they must not be told about (inhibitions), and the owner match every later capability asks.
// The shapes here are checked at the boundary; what a network, domain or AS number *means* (a CIDR's host
// bits, a reversed range, an IDN) is checked by the server, whose 400 names the field
// (`body.networks.2`) with one of the field codes below.

export const OrganisationLanguage = z.enum(["sv", "en"]);
export type OrganisationLanguage = z.infer<typeof OrganisationLanguage>;
export const Nis2Entity = z.enum(["essential", "important"]);
export type Nis2Entity = z.infer<typeof Nis2Entity>;
export const ContactRole = z.enum(["abuse", "security", "management", "technical", "24x7"]);
export type ContactRole = z.infer<typeof ContactRole>;
export const NotificationInterval = z.enum(["immediate", "hourly", "daily", "weekly"]);
export type NotificationInterval = z.infer<typeof NotificationInterval>;
/** automatic: written by an import (source, source key, time); manual: by staff, or an automatic row staff edited. */
export const RecordOrigin = z.enum(["manual", "automatic"]);
export type RecordOrigin = z.infer<typeof RecordOrigin>;

/** Most holdings one create request may carry of each kind (an import writes more, through the CLI). */
export const ORGANISATION_HOLDINGS_MAX = 1000;
/** Most values one batch match reads (POST /api/v1/constituency/match). */
export const MATCH_BATCH_MAX = 10_000;

/** Every RSIT type, and `*` for all: what an inhibition may name. */
export const INHIBITION_TYPES: readonly string[] = ["*", ...RSIT_CLASSES.flatMap((c) => c.types.map((t) => t.value))];

const Name = z.string().trim().min(1).max(300);
const OrgNumber = z.string().trim().max(50);
const Tag = z.string().trim().min(1).max(100);
const Notes = z.string().max(10_000);
/** A network as given: `192.0.2.0/24`, `2001:db8::/32`, `198.51.100.7 - 198.51.100.20`, or one address. */
export const NetworkText = z.string().trim().min(1).max(100);
export const DomainText = z.string().trim().min(1).max(300);
export const AsnValue = z.number().int();
export const UrlPrefixText = z.string().trim().min(1).max(2000);
const Phone = z.string().trim().max(50);
const PgpKeyText = z.string().max(100_000);

export const ContactCreate = z
  .object({
    email: Email,
    name: z.string().trim().max(200).optional(),
    phone: Phone.optional(),
    role: ContactRole,
    language: OrganisationLanguage.optional(),
    /** An armored OpenPGP public key; its fingerprint and expiry are kept (an expired key is warned about). */
    pgpKey: PgpKeyText.optional(),
  })
  .strict();
export type ContactCreate = z.infer<typeof ContactCreate>;

/** Absent fields stay; `pgpKey: null` removes the key. */
export const ContactPatch = z
  .object({
    email: Email.optional(),
    name: z.string().trim().max(200).nullable().optional(),
    phone: Phone.nullable().optional(),
    role: ContactRole.optional(),
    language: OrganisationLanguage.optional(),
    pgpKey: PgpKeyText.nullable().optional(),
  })
  .strict();
export type ContactPatch = z.infer<typeof ContactPatch>;

export const NotificationSettings = z.object({ interval: NotificationInterval }).strict();

export const OrganisationCreate = z
  .object({
    name: Name,
    orgNumber: OrgNumber.optional(),
    sector: Sector.nullable().optional(),
    nis2Entity: Nis2Entity.nullable().optional(),
    language: OrganisationLanguage.optional(),
    /** The parent organisation (a municipality holding its companies). */
    parentId: z.uuid().nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
    notes: Notes.optional(),
    networks: z.array(NetworkText).max(ORGANISATION_HOLDINGS_MAX).optional(),
    asns: z.array(AsnValue).max(ORGANISATION_HOLDINGS_MAX).optional(),
    domains: z.array(DomainText).max(ORGANISATION_HOLDINGS_MAX).optional(),
    urlPrefixes: z.array(UrlPrefixText).max(ORGANISATION_HOLDINGS_MAX).optional(),
    contacts: z.array(ContactCreate).max(200).optional(),
    notification: NotificationSettings.optional(),
  })
  .strict();
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;
export type OrganisationCreateInput = z.input<typeof OrganisationCreate>;

/** A change names the version it read (409 version_conflict when stale); absent fields stay. */
export const OrganisationPatch = z
  .object({
    version: z.number().int().min(1),
    name: Name.optional(),
    orgNumber: OrgNumber.nullable().optional(),
    sector: Sector.nullable().optional(),
    nis2Entity: Nis2Entity.nullable().optional(),
    language: OrganisationLanguage.optional(),
    parentId: z.uuid().nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
    notes: Notes.optional(),
    notification: NotificationSettings.optional(),
  })
  .strict();
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;

export const NetworkCreate = z.object({ network: NetworkText }).strict();
export const DomainCreate = z.object({ domain: DomainText }).strict();
export const AsnCreate = z.object({ asn: AsnValue }).strict();
export const UrlPrefixCreate = z.object({ prefix: UrlPrefixText }).strict();
export const InhibitionCreate = z
  .object({
    /** One of the organisation's networks; absent: the whole organisation. */
    networkId: z.uuid().optional(),
    /** RSIT types (`phishing`, `infected-system`, …) or `*` for every classification. */
    classificationTypes: z
      .array(z.string().refine((t) => INHIBITION_TYPES.includes(t), { message: "not an RSIT type or *" }))
      .min(1)
      .max(50),
    reason: z.string().trim().max(2000).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type InhibitionCreate = z.infer<typeof InhibitionCreate>;

export const OrganisationParams = z.object({ id: z.uuid() });
export const OrganisationItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

/** Where a record came from, on every holding and contact. */
const Provenance = {
  origin: RecordOrigin,
  source: z.string().nullable(),
  importedAt: z.string().nullable(),
  /** When staff last changed an imported record: from then on an import leaves it alone. */
  editedAt: z.string().nullable(),
};

export const OrganisationRef = z.object({ id: z.string(), name: z.string() });
export type OrganisationRef = z.infer<typeof OrganisationRef>;

export const Network = z.object({
  id: z.string(),
  /** As given or imported: the CIDR when the range is exactly one, else `first - last`. */
  label: z.string(),
  first: z.string(),
  last: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  /** The fewest CIDRs covering exactly the range. */
  cidrs: z.array(z.string()),
  /** Other organisations claiming exactly this range (shown to staff as a double claim). */
  alsoClaimedBy: z.array(OrganisationRef),
  createdAt: z.string(),
  ...Provenance,
});
export type Network = z.infer<typeof Network>;

export const Asn = z.object({ id: z.string(), asn: z.number().int(), createdAt: z.string(), ...Provenance });
export type Asn = z.infer<typeof Asn>;
export const Domain = z.object({
  id: z.string(),
  /** ASCII (punycode), lower-case, no trailing dot; covers its subdomains. */
  domain: z.string(),
  /** The domain as people read it, when it is an IDN. */
  unicode: z.string().nullable(),
  createdAt: z.string(),
  ...Provenance,
});
export type Domain = z.infer<typeof Domain>;
export const UrlPrefix = z.object({ id: z.string(), prefix: z.string(), createdAt: z.string(), ...Provenance });
export type UrlPrefix = z.infer<typeof UrlPrefix>;

export const Contact = z.object({
  id: z.string(),
  organisationId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  role: ContactRole,
  language: OrganisationLanguage,
  pgpFingerprint: z.string().nullable(),
  pgpExpiresAt: z.string().nullable(),
  /** The key has expired: mail to this contact is not encrypted until a new one is given. */
  pgpExpired: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
  verificationSentAt: z.string().nullable(),
  /** Not confirmed within the last year (or never). */
  unverified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...Provenance,
});
export type Contact = z.infer<typeof Contact>;

export const Inhibition = z.object({
  id: z.string(),
  organisationId: z.string(),
  network: z.object({ id: z.string(), label: z.string() }).nullable(),
  classificationTypes: z.array(z.string()),
  reason: z.string(),
  expiresAt: z.string().nullable(),
  /** Not expired now. */
  active: z.boolean(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Inhibition = z.infer<typeof Inhibition>;

/** Everything on one organisation (GET /api/v1/organisations/{id}). */
export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  sector: z.string().nullable(),
  nis2Entity: Nis2Entity.nullable(),
  language: OrganisationLanguage,
  parent: OrganisationRef.nullable(),
  children: z.array(OrganisationRef),
  tags: z.array(z.string()),
  notes: z.string(),
  notification: z.object({ interval: NotificationInterval }),
  origin: RecordOrigin,
  source: z.string().nullable(),
  importedAt: z.string().nullable(),
  editedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  networks: z.array(Network),
  asns: z.array(Asn),
  domains: z.array(Domain),
  urlPrefixes: z.array(UrlPrefix),
  contacts: z.array(Contact),
  inhibitions: z.array(Inhibition),
});
export type Organisation = z.infer<typeof Organisation>;

/** One row of the directory (GET /api/v1/organisations?q=). */
export const OrganisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  sector: z.string().nullable(),
  nis2Entity: Nis2Entity.nullable(),
  parent: OrganisationRef.nullable(),
  origin: RecordOrigin,
  networks: z.number().int(),
  domains: z.number().int(),
  contacts: z.number().int(),
  updatedAt: z.string(),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;
export const OrganisationList = PageOf(OrganisationSummary);
export type OrganisationList = z.infer<typeof OrganisationList>;
export const OrganisationListQuery = z.object({
  /** Name or organisation number (words), an address (the network holding it), a domain, AS64500 / 64500, a contact's name or e-mail. */
  q: z.string().trim().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const DirectoryExportQuery = z.object({ format: z.enum(["csv", "vcard"]).default("csv") });

// The owner match.

export const MatchedBy = z.enum(["url", "network", "domain", "asn"]);
export type MatchedBy = z.infer<typeof MatchedBy>;

/** An inhibition that applies to a match: the organisation's own, or its matched network's. */
export const MatchInhibition = z.object({
  id: z.string(),
  networkId: z.string().nullable(),
  classificationTypes: z.array(z.string()),
  expiresAt: z.string().nullable(),
});
export type MatchInhibition = z.infer<typeof MatchInhibition>;

export const OwnerMatch = z.object({
  organisation: OrganisationRef,
  matchedBy: MatchedBy,
  /** What matched: the network's label, the domain, `AS64500`, the URL prefix. */
  match: z.string(),
  inhibitions: z.array(MatchInhibition),
  /** With `type=`: whether an inhibition says not to notify this organisation of it. */
  inhibited: z.boolean().optional(),
});
export type OwnerMatch = z.infer<typeof OwnerMatch>;
/** Most specific first: a URL prefix, then networks (smallest range first), domains (longest suffix first), AS numbers. */
export const OwnerMatchList = z.object({ items: z.array(OwnerMatch) });
export type OwnerMatchList = z.infer<typeof OwnerMatchList>;

/** GET /api/v1/constituency/match: at least one of ip, domain, asn, url (several: all of them, ranked). */
export const MatchQuery = z.object({
  ip: z.string().trim().max(100).optional(),
  domain: z.string().trim().max(300).optional(),
  asn: z.string().trim().max(20).optional(),
  url: z.string().trim().max(4000).optional(),
  /** An RSIT type: answer `inhibited` for it. */
  type: z.string().max(100).optional(),
});
export type MatchQuery = z.infer<typeof MatchQuery>;

/** What one value of a batch is: an event's address, host name, AS number or URL. */
export const MatchValue = z
  .object({
    ip: z.string().max(100).optional(),
    domain: z.string().max(300).optional(),
    asn: z.union([z.number().int(), z.string().max(20)]).optional(),
    url: z.string().max(4000).optional(),
  })
  .strict();
export type MatchValue = z.infer<typeof MatchValue>;
export const MatchBatch = z
  .object({ values: z.array(MatchValue).min(1).max(MATCH_BATCH_MAX), type: z.string().max(100).optional() })
  .strict();
export type MatchBatch = z.infer<typeof MatchBatch>;
/** One answer per value, in the order asked. */
export const MatchBatchResult = z.object({ items: z.array(OwnerMatchList) });
export type MatchBatchResult = z.infer<typeof MatchBatchResult>;

// Lists for staff follow-up.

/** The same exact range claimed by two or more organisations. */
export const DoubleClaim = z.object({
  first: z.string(),
  last: z.string(),
  label: z.string(),
  claims: z.array(z.object({ networkId: z.string(), organisation: OrganisationRef, origin: RecordOrigin })),
});
export type DoubleClaim = z.infer<typeof DoubleClaim>;
export const DoubleClaimList = PageOf(DoubleClaim);
export type DoubleClaimList = z.infer<typeof DoubleClaimList>;

export const UnverifiedContact = Contact.extend({ organisation: OrganisationRef });
export type UnverifiedContact = z.infer<typeof UnverifiedContact>;
export const UnverifiedContactList = PageOf(UnverifiedContact);
export type UnverifiedContactList = z.infer<typeof UnverifiedContactList>;

export const ListPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListPageQuery = z.infer<typeof ListPageQuery>;

// The contact's yearly confirmation (public page /verify-contact/{token}).
export const ContactVerificationParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
