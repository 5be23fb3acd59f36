import type { ColumnType } from "kysely";
import type { TlpLabel } from "./intake.js";

/** Mirrors server/migrations/0091_exchange.sql. */
type Json<T> = ColumnType<T, string, string>;
export type CollectionAudienceKind = "partner" | "member-organisation" | "forum" | "coordination-case";

export interface ExchangePartnersTable {
  organisation_id: string;
  max_tlp: ColumnType<TlpLabel, TlpLabel | undefined, TlpLabel>;
  created_by: string | null;
  created_at: Date;
}

export interface TaxiiCollectionsTable {
  id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  audience_kind: CollectionAudienceKind;
  organisation_id: string | null;
  audience_id: string | null;
  max_tlp: ColumnType<TlpLabel, TlpLabel | undefined, TlpLabel>;
  created_at: Date;
}

export interface TaxiiCollectionAccessTable {
  collection_id: string;
  organisation_id: string;
  can_read: boolean;
  can_write: boolean;
}

export interface TaxiiObjectsTable {
  collection_id: string;
  object_id: string;
  version: Date;
  date_added: Date;
  type: string;
  spec_version: ColumnType<string, string | undefined, string>;
  incident_id: string | null;
  added_by_organisation: string | null;
  body: Json<Record<string, unknown>>;
  /** 0112: what the object is to the sharing decision (null: contributed by a partner). */
  share_material: ColumnType<ShareMaterial | null, ShareMaterial | null | undefined, ShareMaterial | null>;
  observable_id: ColumnType<number | null, number | null | undefined, number | null>;
  superseded: ColumnType<boolean, boolean | undefined, boolean>;
}

export type ShareMaterial = "incident" | "note" | "value" | "indicator" | "meta";

export interface TaxiiStatusTable {
  id: string;
  collection_id: string;
  organisation_id: string | null;
  request_timestamp: Date;
  successes: Json<{ id: string; version: string }[]>;
  failures: Json<{ id: string; version?: string; message: string }[]>;
  posted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 0113: a partner collection Fyr pulls. */
export interface TaxiiSubscriptionsTable {
  id: string;
  title: string;
  collection_url: string;
  auth_kind: "bearer" | "basic";
  username: string | null;
  secret_sealed: string;
  organisation_id: string | null;
  interval_seconds: number;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  added_after: string | null;
  next_pull_at: Date;
  last_pulled_at: Date | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface TaxiiReceivedObjectsTable {
  subscription_id: string;
  object_id: string;
  version: string;
  type: string;
  date_added: Date | null;
  body: Json<Record<string, unknown>>;
  received_at: Date;
}

export interface TaxiiReceivedValuesTable {
  subscription_id: string;
  type: string;
  value: string;
  object_id: string;
  first_seen: Date;
  last_seen: Date;
}

export interface ExchangeTables {
  exchange_partners: ExchangePartnersTable;
  taxii_collections: TaxiiCollectionsTable;
  taxii_collection_access: TaxiiCollectionAccessTable;
  taxii_objects: TaxiiObjectsTable;
  taxii_status: TaxiiStatusTable;
  taxii_subscriptions: TaxiiSubscriptionsTable;
  taxii_received_objects: TaxiiReceivedObjectsTable;
  taxii_received_values: TaxiiReceivedValuesTable;
}
