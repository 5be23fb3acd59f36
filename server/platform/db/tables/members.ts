import type { ColumnType, Generated } from "kysely";
import type { ChangeRequestKind, ChangeRequestStatus } from "../../../../contract/members.js";

/** Mirrors server/migrations/0043_members.sql. */

export interface ChangeRequestsTable {
  id: Generated<string>;
  organisation_id: string;
  requested_by: string;
  kind: ChangeRequestKind;
  /** The contract's payload for the kind, checked on the way in and read back through it. */
  payload: ColumnType<unknown, string, string>;
  reason: ColumnType<string, string | undefined, string>;
  status: ColumnType<ChangeRequestStatus, ChangeRequestStatus | undefined, ChangeRequestStatus>;
  decided_by: string | null;
  note: ColumnType<string, string | undefined, string>;
  created_at: Date;
  decided_at: Date | null;
}

export interface MemberTables {
  change_requests: ChangeRequestsTable;
}
