import type { ColumnType } from "kysely";

/** Mirrors server/migrations/0067_mailing_lists.sql. */

export type ListLanguage = "sv" | "en";
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MailingListsTable {
  id: string;
  name_sv: string;
  name_en: string;
  description_sv: Defaulted<string>;
  description_en: Defaulted<string>;
  public: Defaulted<boolean>;
  priority: Defaulted<number>;
  sort: Defaulted<number>;
  created_at: Defaulted<Date>;
}

export interface ListSubscribersTable {
  id: Defaulted<string>;
  email: string;
  language: ListLanguage;
  confirmed_at: Date;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ListMembershipsTable {
  list_id: string;
  subscriber_id: string;
  created_at: Defaulted<Date>;
}

export interface ListOrganisationsTable {
  list_id: string;
  organisation_id: string;
  roles: string[];
  created_by: string | null;
  created_at: Defaulted<Date>;
}

export interface ListOptOutsTable {
  list_id: string;
  email: string;
  created_at: Defaulted<Date>;
}

export type ListTokenPurpose = "confirm" | "manage";

export interface ListTokensTable {
  token_hash: string;
  purpose: ListTokenPurpose;
  email: string;
  language: ListLanguage;
  list_id: string | null;
  lists: Defaulted<string[]>;
  created_at: Defaulted<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export type CampaignStatus = "sending" | "paused" | "done";

/** A campaign's message in one language (signed text when the campaign is signed). */
export interface CampaignMessage {
  subject: string;
  text: string;
}

export interface ListCampaignsTable {
  id: string;
  list_id: string;
  source_ref: string | null;
  messages: ColumnType<Partial<Record<ListLanguage, CampaignMessage>>, string, string>;
  sign: Defaulted<boolean>;
  signed: Defaulted<boolean>;
  status: Defaulted<CampaignStatus>;
  priority: number;
  send_after: Date;
  recipients: Defaulted<number>;
  dispatch_job: number | null;
  created_by: string;
  created_at: Defaulted<Date>;
  finished_at: Date | null;
}

export type DeliveryStatus = "pending" | "released";

export interface ListDeliveriesTable {
  campaign_id: string;
  email: string;
  language: ListLanguage;
  status: Defaulted<DeliveryStatus>;
  mail_id: string | null;
  released_at: Date | null;
}

export interface MailingListTables {
  mailing_lists: MailingListsTable;
  list_subscribers: ListSubscribersTable;
  list_memberships: ListMembershipsTable;
  list_organisations: ListOrganisationsTable;
  list_opt_outs: ListOptOutsTable;
  list_tokens: ListTokensTable;
  list_campaigns: ListCampaignsTable;
  list_deliveries: ListDeliveriesTable;
}
