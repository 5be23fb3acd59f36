// Mirrors migration 0023_case_seen.sql.

export interface CaseSeenTable {
  user_id: string;
  case_kind: "report" | "incident";
  case_id: string;
  seen_at: Date;
}

export interface CaseSeenTables {
  case_seen: CaseSeenTable;
}
