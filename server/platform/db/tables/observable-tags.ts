/** Mirrors server/migrations/0033_observable_tags.sql: tags on values, and the cases each was given on. */

export interface ObservableTagsTable {
  observable_id: number;
  tag: string;
  added_by: string | null;
  added_by_system: string | null;
  added_at: Date;
}

export interface ObservableTagCasesTable {
  observable_id: number;
  tag: string;
  case_id: string;
}

export interface ObservableTagTables {
  observable_tags: ObservableTagsTable;
  observable_tag_cases: ObservableTagCasesTable;
}
