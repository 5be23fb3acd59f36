import { z } from "zod";
import { ConsentLevel, TlpLabel } from "./intake.js";
import { PageOf } from "./page.js";

// Coordination cases (issue 17): several organisations on one case, the CERT coordinating. Staff under
// /api/v1/coordination/…, members of participating organisations under /api/v1/my/coordination/….

export const ParticipantRole = z.enum([
  "affected",
  "vendor",
  "service-provider",
  "other-cert",
  "authority",
  "reporter",
]);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** A participant's status (VINCE's per-vendor status), set by its members or by the coordinator. */
export const ParticipantStatus = z.enum(["notified", "acknowledged", "affected", "not-affected", "mitigated", "fixed"]);
export type ParticipantStatus = z.infer<typeof ParticipantStatus>;

export const MaterialKind = z.enum(["text", "observables", "files"]);
export type MaterialKind = z.infer<typeof MaterialKind>;

const Reference = z.string().regex(/^[A-Z][A-Z0-9]{0,9}-CC-\d{4}-\d{4,}$/i, "a coordination reference");
const Text = (max: number) => z.string().trim().max(max);

export const CaseParams = z.object({ reference: Reference });
export const ParticipantParams = CaseParams.extend({ participantId: z.uuid() });
export const PostParams = CaseParams.extend({ postId: z.uuid() });
export const FileParams = CaseParams.extend({ fileId: z.uuid() });

export const CaseCreate = z.object({
  title: Text(300).min(1),
  summary: Text(20_000).default(""),
  /** Default: the incident's TLP, else TLP:AMBER. */
  tlp: TlpLabel.optional(),
  /** The incident the case was opened from (its reference), or none. */
  incident: z.string().max(40).nullish(),
  embargoUntil: z.iso.datetime({ offset: true }).nullish(),
});
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CaseUpdate = z.object({
  title: Text(300).min(1).optional(),
  summary: Text(20_000).optional(),
  tlp: TlpLabel.optional(),
  status: z.enum(["open", "closed"]).optional(),
  embargoUntil: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const ParticipantCreate = z.object({
  organisationId: z.uuid(),
  role: ParticipantRole,
  seesParticipants: z.boolean().default(false),
});
export type ParticipantCreate = z.infer<typeof ParticipantCreate>;

export const ParticipantUpdate = z.object({
  role: ParticipantRole.optional(),
  seesParticipants: z.boolean().optional(),
});
export type ParticipantUpdate = z.infer<typeof ParticipantUpdate>;

export const StatusChange = z.object({ status: ParticipantStatus, statement: Text(5_000).default("") });
export type StatusChange = z.infer<typeof StatusChange>;

/** Whom to mail: these of the organisation's contacts' addresses, or (none given) all of them. */
export const NotifyInput = z.object({ addresses: z.array(z.email()).max(50).optional() });
export type NotifyInput = z.infer<typeof NotifyInput>;

export const PostCreate = z.object({
  body: Text(50_000).min(1),
  /** Never weaker than the case's; the case's when left out. */
  tlp: TlpLabel.optional(),
  /** "all" participants or these (participant ids). A TLP:RED post names its recipients. */
  to: z.union([z.literal("all"), z.array(z.uuid()).min(1).max(200)]),
  pinned: z.boolean().default(false),
  /** The first post of the thread this one answers. */
  threadId: z.uuid().optional(),
  /** Material from a report, as the reporter's sharing consent allows for each recipient. */
  material: z
    .array(z.object({ report: z.string().max(40), kinds: z.array(MaterialKind).min(1).max(3) }))
    .max(10)
    .default([]),
});
export type PostCreate = z.infer<typeof PostCreate>;

export const PostUpdate = z.object({ pinned: z.boolean() });
export const MemberPostCreate = z.object({ body: Text(50_000).min(1), threadId: z.uuid().optional() });
export type MemberPostCreate = z.infer<typeof MemberPostCreate>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const StatusEntry = z.object({
  status: ParticipantStatus,
  statement: z.string(),
  changedBy: Ref.nullable(),
  changedVia: z.enum(["coordinator", "member", "mail"]),
  changedAt: z.string(),
});

export const Participant = z.object({
  id: z.string(),
  organisation: Ref,
  role: ParticipantRole,
  status: ParticipantStatus,
  statement: z.string(),
  seesParticipants: z.boolean(),
  notifiedAt: z.string().nullable(),
  notifiedAddresses: z.array(z.string()),
  firstViewedAt: z.string().nullable(),
  history: z.array(StatusEntry),
});
export type Participant = z.infer<typeof Participant>;

export const PostFile = z.object({ id: z.string(), filename: z.string(), size: z.number(), sha256: z.string() });

/** Why a part of a report's material is kept from a participant. */
export const Withheld = z.object({ participantId: z.string(), reason: z.string() });

export const Material = z.object({
  id: z.string(),
  report: z.string(),
  kind: MaterialKind,
  consent: z.object({
    information: ConsentLevel.nullable(),
    data: ConsentLevel.nullable(),
    logs: ConsentLevel.nullable(),
  }),
  text: z.string().nullable(),
  values: z.array(z.object({ type: z.string(), value: z.string() })),
  files: z.array(z.object({ filename: z.string(), sha256: z.string(), size: z.number() })),
  /** Staff only: the recipients it is kept from, and why. */
  withheld: z.array(Withheld).optional(),
});
export type Material = z.infer<typeof Material>;

export const Post = z.object({
  id: z.string(),
  threadId: z.string().nullable(),
  author: z.object({ kind: z.enum(["coordinator", "participant"]), name: z.string() }),
  body: z.string(),
  tlp: TlpLabel,
  toAll: z.boolean(),
  /** Staff: every recipient; a member: empty (whom else a post went to is not theirs to know). */
  recipients: z.array(z.string()),
  pinned: z.boolean(),
  createdAt: z.string(),
  files: z.array(PostFile),
  material: z.array(Material),
  /** Staff: how many parts of material are withheld from at least one recipient. */
  withheldCount: z.number().optional(),
});
export type Post = z.infer<typeof Post>;

/** What staff and members both see of a case. */
const CaseHead = z.object({
  reference: z.string(),
  title: z.string(),
  summary: z.string(),
  tlp: TlpLabel,
  status: z.enum(["open", "closed"]),
  embargoUntil: z.string().nullable(),
});

export const CaseSummary = CaseHead.omit({ summary: true }).extend({
  participants: z.number(),
  posts: z.number(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
export const CaseList = PageOf(CaseSummary);
export type CaseList = z.infer<typeof CaseList>;

export const CaseDetail = CaseHead.extend({
  incident: z.string().nullable(),
  coordinator: Ref,
  createdAt: z.string(),
  participants: z.array(Participant),
  posts: z.array(Post),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** What a member sees: their own participation, the others by name only if the coordinator lets them. */
export const MyCaseDetail = CaseHead.extend({
  me: Participant,
  others: z.array(z.object({ organisation: Ref, role: ParticipantRole })),
  posts: z.array(Post),
});
export type MyCaseDetail = z.infer<typeof MyCaseDetail>;

export const CaseListQuery = z.object({
  status: z.enum(["open", "closed"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
