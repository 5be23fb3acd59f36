import type { ColumnType, Generated } from "kysely";
import type { TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0085_forums.sql. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
export type ForumKind = "sector" | "csirt" | "other";
export type ForumMemberStatus = "proposed" | "active" | "rejected" | "lapsed" | "removed";
export type ForumPostKind = "post" | "note";
export type ForumHeldReason = "not_a_member" | "tlp_above_max" | "empty";

export interface ForumsTable {
  id: Generated<string>;
  name: string;
  description: Defaulted<string>;
  kind: ForumKind;
  default_tlp: TlpLabel;
  max_tlp: TlpLabel;
  list_address: string | null;
  created_by: string | null;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ForumMembersTable {
  id: Generated<string>;
  forum_id: string;
  email: string;
  user_id: string | null;
  name: string;
  organisation: Defaulted<string>;
  role: Defaulted<string>;
  phone: Defaulted<string>;
  pgp_key: string | null;
  pgp_fingerprint: string | null;
  status: ForumMemberStatus;
  invite_organisation_id: string | null;
  sponsor_id: string;
  reason: Defaulted<string>;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: Defaulted<string>;
  confirmed_at: Date | null;
  reconfirm_asked_at: Date | null;
  digest: Defaulted<boolean>;
  digest_sent_at: Date | null;
}

export interface ForumPostsTable {
  id: Generated<string>;
  forum_id: string;
  kind: ForumPostKind;
  title: string;
  body: string;
  tlp: TlpLabel;
  meeting_on: ColumnType<string | null, string | null | undefined, string | null>;
  author_id: string;
  via: "web" | "mail";
  created_at: Date;
  distributed_at: Date | null;
}

export interface ForumHeldMailTable {
  id: Generated<string>;
  forum_id: string;
  sender: string;
  subject: string;
  reason: ForumHeldReason;
  received_at: Date;
}

export interface ForumIntroductionsTable {
  id: Generated<string>;
  forum_id: string;
  introduced_by: string;
  member_a: string;
  member_b: string;
  note: Defaulted<string>;
  created_at: Date;
}

export interface ForumTables {
  forums: ForumsTable;
  forum_members: ForumMembersTable;
  forum_posts: ForumPostsTable;
  forum_held_mail: ForumHeldMailTable;
  forum_introductions: ForumIntroductionsTable;
}
