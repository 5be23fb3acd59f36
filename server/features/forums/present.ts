import type { DirectoryEntry, Forum, ForumMember, ForumPost, Introduction } from "../../../contract/forums.js";
import type { ForumCounts, ForumRow, MemberRow } from "./forums-store.js";
import type { IntroductionRow, PostRow } from "./posts-store.js";

// Rows → the contract's shapes. What a viewer may see is decided before a row gets here (policy.ts).

export function toForum(row: ForumRow, counts: ForumCounts, staff: boolean): Forum {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    defaultTlp: row.default_tlp,
    maxTlp: row.max_tlp,
    listAddress: row.list_address,
    members: counts.members,
    // Proposals are the vetting's business: members never learn who is being considered.
    pending: staff ? counts.pending : 0,
    createdAt: row.created_at.toISOString(),
  };
}

/** A member of no constituent organisation: an account bound to none, or a proposal that will invite one. */
export const isExternal = (m: MemberRow) =>
  m.user_id === null ? m.invite_organisation_id === null : m.user_organisation_id === null;

export function toMember(m: MemberRow): ForumMember {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    organisation: m.organisation,
    role: m.role,
    status: m.status,
    external: isExternal(m),
    sponsor: m.sponsor_name,
    reason: m.reason,
    proposedAt: m.proposed_at.toISOString(),
    decidedAt: m.decided_at?.toISOString() ?? null,
    confirmedAt: m.confirmed_at?.toISOString() ?? null,
    reconfirmAskedAt: m.reconfirm_asked_at?.toISOString() ?? null,
    hasPgpKey: m.pgp_key !== null,
    digest: m.digest,
  };
}

export function toDirectoryEntry(m: MemberRow): DirectoryEntry {
  return {
    memberId: m.id,
    name: m.name,
    organisation: m.organisation,
    role: m.role,
    email: m.email,
    phone: m.phone,
    hasPgpKey: m.pgp_key !== null,
  };
}

export function toPost(p: PostRow): ForumPost {
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    body: p.body,
    tlp: p.tlp,
    meetingOn: p.meeting_on,
    author: p.author,
    via: p.via,
    createdAt: p.created_at.toISOString(),
  };
}

export function toIntroduction(i: IntroductionRow): Introduction {
  return {
    id: i.id,
    introducedBy: i.by_name,
    a: i.a_name,
    b: i.b_name,
    note: i.note,
    createdAt: i.created_at.toISOString(),
  };
}
