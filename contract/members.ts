import { z } from "zod";
import { Email, Language } from "./accounts.js";
import {
  AsnValue,
  ContactCreate,
  ContactRole,
  DomainText,
  Nis2Entity,
  NetworkText,
  NotificationInterval,
  OrganisationLanguage,
  OrganisationRef,
} from "./constituency.js";
import { PageOf } from "./page.js";

// Members of constituent organisations (issue 14; api-v1.md "v1 additions" → Members): staff invite them
// to an organisation, they sign in at /member, read their organisation (and its children) through
// /api/v1/my/…, and ask for changes that staff approve or reject with a note.

const Time = z.iso.datetime({ offset: true });

// Staff: an organisation's members.

/** `POST /api/v1/organisations/{id}/members`: the person gets a one-time link by mail (in `language`). */
export const MemberInvite = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(200),
  language: Language.optional(),
});
export type MemberInvite = z.infer<typeof MemberInvite>;

export const Member = z.object({
  id: z.string(),
  organisationId: z.string(),
  email: z.string(),
  name: z.string(),
  language: Language,
  /** Invited and not yet accepted (no password chosen). */
  invited: z.boolean(),
  totpEnabled: z.boolean(),
  /** Access ended (DELETE …/members/{userId}): sessions ended, tokens revoked, sign-in refused. */
  ended: z.boolean(),
  createdAt: Time,
  lastLoginAt: Time.nullable(),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;
export const MemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

// What a member reads: their organisation, without what is staff's (notes, tags, inhibitions, which other
// organisations claim the same network).

export const MyNetwork = z.object({
  id: z.string(),
  label: z.string(),
  first: z.string(),
  last: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  cidrs: z.array(z.string()),
  createdAt: z.string(),
});
export type MyNetwork = z.infer<typeof MyNetwork>;

export const MyContact = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  role: ContactRole,
  language: OrganisationLanguage,
  pgpFingerprint: z.string().nullable(),
  pgpExpiresAt: z.string().nullable(),
  pgpExpired: z.boolean(),
  lastVerifiedAt: z.string().nullable(),
});
export type MyContact = z.infer<typeof MyContact>;

export const MyOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  sector: z.string().nullable(),
  nis2Entity: Nis2Entity.nullable(),
  language: OrganisationLanguage,
  /** The parent, when the member sees it (a member of a child does not). */
  parent: OrganisationRef.nullable(),
  children: z.array(OrganisationRef),
  notification: z.object({ interval: NotificationInterval }),
  networks: z.array(MyNetwork),
  asns: z.array(z.object({ id: z.string(), asn: z.number().int() })),
  domains: z.array(z.object({ id: z.string(), domain: z.string(), unicode: z.string().nullable() })),
  urlPrefixes: z.array(z.object({ id: z.string(), prefix: z.string() })),
  contacts: z.array(MyContact),
  updatedAt: z.string(),
});
export type MyOrganisation = z.infer<typeof MyOrganisation>;

/** `GET /api/v1/my/organisation`: the member's own organisation and, in full, each one below it. */
export const MyOrganisationTree = MyOrganisation.extend({ descendants: z.array(MyOrganisation) });
export type MyOrganisationTree = z.infer<typeof MyOrganisationTree>;

// Change requests.

export const ChangeRequestKind = z.enum([
  "add_network",
  "remove_network",
  "add_domain",
  "remove_domain",
  "add_asn",
  "remove_asn",
  "add_contact",
  "update_contact",
  "remove_contact",
  "change_key",
]);
export type ChangeRequestKind = z.infer<typeof ChangeRequestKind>;
export const ChangeRequestStatus = z.enum(["pending", "approved", "rejected"]);
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;

const ItemId = z.uuid();
const Reason = z.string().trim().max(2000);

/**
 * One change, by kind: what a member asks for and what an approval applies. The payloads are strict; the
 * outer objects are not, as they are joined with the request's other fields (an intersection).
 */
export const ChangeRequestChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add_network"), payload: z.strictObject({ network: NetworkText }) }),
  z.object({ kind: z.literal("remove_network"), payload: z.strictObject({ networkId: ItemId }) }),
  z.object({ kind: z.literal("add_domain"), payload: z.strictObject({ domain: DomainText }) }),
  z.object({ kind: z.literal("remove_domain"), payload: z.strictObject({ domainId: ItemId }) }),
  z.object({ kind: z.literal("add_asn"), payload: z.strictObject({ asn: AsnValue }) }),
  z.object({ kind: z.literal("remove_asn"), payload: z.strictObject({ asnId: ItemId }) }),
  z.object({ kind: z.literal("add_contact"), payload: ContactCreate }),
  z.object({
    kind: z.literal("update_contact"),
    payload: z.strictObject({
      contactId: ItemId,
      email: Email.optional(),
      name: z.string().trim().max(200).nullable().optional(),
      phone: z.string().trim().max(50).nullable().optional(),
      role: ContactRole.optional(),
      language: OrganisationLanguage.optional(),
    }),
  }),
  z.object({ kind: z.literal("remove_contact"), payload: z.strictObject({ contactId: ItemId }) }),
  /** A contact's new OpenPGP key (armored), or null to remove it. */
  z.object({
    kind: z.literal("change_key"),
    payload: z.strictObject({ contactId: ItemId, pgpKey: z.string().max(100_000).nullable() }),
  }),
]);
export type ChangeRequestChange = z.infer<typeof ChangeRequestChange>;

/** `POST /api/v1/my/change-requests`: for the member's organisation, or one below it (`organisationId`). */
export const ChangeRequestCreate = z.intersection(
  ChangeRequestChange,
  z.object({ organisationId: z.uuid().optional(), reason: Reason.optional() }),
);
export type ChangeRequestCreate = z.infer<typeof ChangeRequestCreate>;

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const ChangeRequest = z.intersection(
  ChangeRequestChange,
  z.object({
    id: z.string(),
    organisation: OrganisationRef,
    reason: z.string(),
    status: ChangeRequestStatus,
    requestedBy: PersonRef,
    /** Who decided (staff); shown to the member by name. */
    decidedBy: PersonRef.nullable(),
    note: z.string(),
    createdAt: Time,
    decidedAt: Time.nullable(),
  }),
);
export type ChangeRequest = z.infer<typeof ChangeRequest>;
export const ChangeRequestList = PageOf(ChangeRequest);
export type ChangeRequestList = z.infer<typeof ChangeRequestList>;

export const ChangeRequestQuery = z.object({
  status: ChangeRequestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ChangeRequestQuery = z.infer<typeof ChangeRequestQuery>;

/** `POST /api/v1/change-requests/{id}/approve|reject`: the note is shown to the member. */
export const ChangeRequestDecision = z.strictObject({ note: z.string().trim().max(2000).optional() });
export type ChangeRequestDecision = z.infer<typeof ChangeRequestDecision>;
export const ChangeRequestParams = z.object({ id: z.uuid() });
export const MyOrganisationParams = z.object({ id: z.uuid() });
