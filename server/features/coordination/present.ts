import type { Participant, Post } from "../../../contract/coordination.js";
import type { CaseRow, HistoryRow, ParticipantRow } from "./cases-store.js";
import { presentMaterialForParticipant, presentMaterialForStaff } from "./material.js";
import type { FileRow, MaterialRow, PostRow } from "./posts-store.js";

// Rows to the contract's shapes. What a viewer may see has been decided before (policy.ts); these only
// shape it, with the one difference between staff and members made explicit in each function.

export function presentParticipant(p: ParticipantRow, history: readonly HistoryRow[]): Participant {
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name },
    role: p.role,
    status: p.status,
    statement: p.statement,
    seesParticipants: p.sees_participants,
    notifiedAt: p.notified_at?.toISOString() ?? null,
    notifiedAddresses: p.notified_addresses,
    firstViewedAt: p.first_viewed_at?.toISOString() ?? null,
    history: history
      .filter((h) => h.participant_id === p.id)
      .map((h) => ({
        status: h.status,
        statement: h.statement,
        changedBy: h.changed_by ? { id: h.changed_by, name: h.changed_by_name ?? "" } : null,
        changedVia: h.changed_via,
        changedAt: h.changed_at.toISOString(),
      })),
  };
}

export interface PostParts {
  files: readonly FileRow[];
  material: readonly MaterialRow[];
  participants: readonly ParticipantRow[];
}

function authorOf(post: PostRow, participants: readonly ParticipantRow[]): Post["author"] {
  if (post.author_participant_id) {
    const p = participants.find((x) => x.id === post.author_participant_id);
    return { kind: "participant", name: p?.organisation_name ?? post.author_email ?? "" };
  }
  return { kind: "coordinator", name: post.author_name ?? "" };
}

function common(post: PostRow, parts: PostParts) {
  return {
    id: post.id,
    threadId: post.thread_id,
    author: authorOf(post, parts.participants),
    body: post.body,
    tlp: post.tlp,
    toAll: post.to_all,
    pinned: post.pinned,
    createdAt: post.created_at.toISOString(),
    files: parts.files
      .filter((f) => f.post_id === post.id)
      .map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size), sha256: f.sha256 })),
  };
}

/** Staff: every recipient, every material part with whom it is withheld from. */
export function presentStaffPost(post: PostRow, recipients: readonly string[], c: CaseRow, parts: PostParts): Post {
  const receivers = post.to_all ? parts.participants : parts.participants.filter((p) => recipients.includes(p.id));
  const material = presentMaterialForStaff(
    parts.material.filter((m) => m.post_id === post.id),
    receivers,
    c,
    { tlp: post.tlp, named: recipients },
  );
  return {
    ...common(post, parts),
    recipients: [...recipients],
    material,
    withheldCount: material.filter((m) => (m.withheld ?? []).length > 0).length,
  };
}

/** A participant: no recipient list, only the material that may reach it. */
export function presentMemberPost(
  post: PostRow,
  recipients: readonly string[],
  me: ParticipantRow,
  c: CaseRow,
  parts: PostParts,
): Post {
  return {
    ...common(post, parts),
    recipients: [],
    material: presentMaterialForParticipant(
      parts.material.filter((m) => m.post_id === post.id),
      me,
      c,
      { tlp: post.tlp, named: recipients },
    ),
  };
}
