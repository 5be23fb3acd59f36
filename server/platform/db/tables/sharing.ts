/** Mirrors server/migrations/0090_sharing.sql: organisations named as recipients of an incident. */
export interface SharingRecipientsTable {
  incident_id: string;
  organisation_id: string;
  added_by: string | null;
  added_at: Date;
}

export interface SharingTables {
  sharing_recipients: SharingRecipientsTable;
}
