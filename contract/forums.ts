import { z } from "zod";
import { Email } from "./accounts.js";
import { TlpLabel } from "./intake.js";
import { PageOf } from "./page.js";

// Forums (issue 17, "Forums and contacts"): closed communities with vetted membership. Staff reach them at
// /api/v1/forums/…, members (of constituent organisations, and external members of other CERTs, who
// reach nothing else) at /api/v1/my/forums/…. Who sees what: server/features/forums/policy.ts.

const Time = z.iso.datetime({ offset: true });
const Line = (max: number) => z.string().trim().max(max);
const Uuid = z.uuid();

export const ForumKind = z.enum(["sector", "csirt", "other"]);
export type ForumKind = z.infer<typeof ForumKind>;
export const ForumMemberStatus = z.enum(["proposed", "active", "rejected", "lapsed", "removed"]);
export type ForumMemberStatus = z.infer<typeof ForumMemberStatus>;
export const ForumPostKind = z.enum(["post", "note"]);
export type ForumPostKind = z.infer<typeof ForumPostKind>;

/** `POST /api/v1/forums`. The maximum TLP may not be weaker than the default (a field error on `maxTlp`). */
export const ForumCreate = z.strictObject({
  name: Line(200).min(1),
  description: Line(4000).default(""),
  kind: ForumKind,
  defaultTlp: TlpLabel.default("TLP:AMBER"),
  maxTlp: TlpLabel.default("TLP:AMBER+STRICT"),
  /** Mail to this address from a member goes to the members; null: no list. */
  listAddress: Email.nullable().default(null),
});
export type ForumCreate = z.infer<typeof ForumCreate>;
export type ForumCreateInput = z.input<typeof ForumCreate>;

/** `PATCH /api/v1/forums/{id}`. */
export const ForumPatch = z.strictObject({
  name: Line(200).min(1).optional(),
  description: Line(4000).optional(),
  kind: ForumKind.optional(),
  defaultTlp: TlpLabel.optional(),
  maxTlp: TlpLabel.optional(),
  listAddress: Email.nullable().optional(),
});
export type ForumPatch = z.infer<typeof ForumPatch>;

export const Forum = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: ForumKind,
  defaultTlp: TlpLabel,
  maxTlp: TlpLabel,
  listAddress: z.string().nullable(),
  /** Active members. */
  members: z.number().int(),
  /** Proposals waiting for an admin (staff only; 0 for members). */
  pending: z.number().int(),
  createdAt: Time,
});
export type Forum = z.infer<typeof Forum>;
export const ForumList = z.object({ items: z.array(Forum) });
export type ForumList = z.infer<typeof ForumList>;

export const ForumParams = z.object({ id: Uuid });
export const ForumMemberParams = z.object({ id: Uuid, memberId: Uuid });

/**
 * A proposal: the sponsor (a member of the forum, or staff) names a person by e-mail. Approval binds the
 * account with that address, or invites one: a member of `organisationId` (staff only), else an
 * external member.
 */
export const ForumProposal = z.strictObject({
  email: Email,
  name: Line(200).min(1),
  organisation: Line(200).default(""),
  role: Line(200).default(""),
  reason: Line(2000).default(""),
  organisationId: Uuid.optional(),
});
export type ForumProposal = z.infer<typeof ForumProposal>;
export type ForumProposalInput = z.input<typeof ForumProposal>;

export const ForumDecision = z.strictObject({ note: Line(2000).default("") });

/** A membership as staff see it. */
export const ForumMember = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  organisation: z.string(),
  role: z.string(),
  status: ForumMemberStatus,
  /** A member of no constituent organisation (another CERT's). */
  external: z.boolean(),
  sponsor: z.string(),
  reason: z.string(),
  proposedAt: Time,
  decidedAt: Time.nullable(),
  confirmedAt: Time.nullable(),
  reconfirmAskedAt: Time.nullable(),
  hasPgpKey: z.boolean(),
  digest: z.boolean(),
});
export type ForumMember = z.infer<typeof ForumMember>;

/** `GET /api/v1/forums/{id}`: the forum, its members and proposals, held mail. */
export const ForumDetail = z.object({
  forum: Forum,
  members: z.array(ForumMember),
  held: z.array(
    z.object({ id: z.string(), sender: z.string(), subject: z.string(), reason: z.string(), receivedAt: Time }),
  ),
});
export type ForumDetail = z.infer<typeof ForumDetail>;

/** `POST …/posts`: a post or meeting note; TLP defaults to the forum's, above its maximum a field error. */
export const ForumPostCreate = z.strictObject({
  kind: ForumPostKind.default("post"),
  title: Line(300).min(1),
  body: z.string().trim().min(1).max(100_000),
  tlp: TlpLabel.optional(),
  meetingOn: z.iso.date().optional(),
});
export type ForumPostCreate = z.infer<typeof ForumPostCreate>;
export type ForumPostCreateInput = z.input<typeof ForumPostCreate>;

export const ForumPost = z.object({
  id: z.string(),
  kind: ForumPostKind,
  title: z.string(),
  body: z.string(),
  tlp: TlpLabel,
  meetingOn: z.string().nullable(),
  author: z.string(),
  via: z.enum(["web", "mail"]),
  createdAt: Time,
});
export type ForumPost = z.infer<typeof ForumPost>;
export const ForumPostPage = PageOf(ForumPost);
export type ForumPostPage = z.infer<typeof ForumPostPage>;

export const ForumPostQuery = z.object({
  kind: ForumPostKind.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ForumPostQuery = z.infer<typeof ForumPostQuery>;

/** A directory entry: seen only by the forum's active members (and staff). */
export const DirectoryEntry = z.object({
  memberId: z.string(),
  name: z.string(),
  organisation: z.string(),
  role: z.string(),
  email: z.string(),
  phone: z.string(),
  hasPgpKey: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
export const ForumDirectory = z.object({ items: z.array(DirectoryEntry) });
export type ForumDirectory = z.infer<typeof ForumDirectory>;

/** The member's own forum, with their membership. */
export const MyForum = Forum.extend({
  membership: z.object({
    id: z.string(),
    confirmedAt: Time.nullable(),
    /** The yearly question is open: confirm before `lapsesAt`. */
    reconfirmDue: z.boolean(),
    lapsesAt: Time.nullable(),
    digest: z.boolean(),
    role: z.string(),
    phone: z.string(),
    hasPgpKey: z.boolean(),
  }),
});
export type MyForum = z.infer<typeof MyForum>;
export const MyForumList = z.object({ items: z.array(MyForum) });

/** `PUT /api/v1/my/forums/{id}/membership`: the member's own directory entry and delivery. */
export const MembershipSettings = z.strictObject({
  digest: z.boolean().optional(),
  role: Line(200).optional(),
  phone: Line(50).optional(),
  /** An armored OpenPGP public key; null removes it. */
  pgpKey: z.string().max(100_000).nullable().optional(),
});
export type MembershipSettings = z.infer<typeof MembershipSettings>;

/** `POST …/introductions`: the caller introduces two members (or themselves to one: `a` omitted). */
export const IntroductionCreate = z.strictObject({
  a: Uuid.optional(),
  b: Uuid,
  note: Line(2000).default(""),
});
export type IntroductionCreate = z.infer<typeof IntroductionCreate>;

export const Introduction = z.object({
  id: z.string(),
  introducedBy: z.string(),
  a: z.string(),
  b: z.string(),
  note: z.string(),
  createdAt: Time,
});
export type Introduction = z.infer<typeof Introduction>;
export const IntroductionList = z.object({ items: z.array(Introduction) });
