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
}

export interface TaxiiStatusTable {
  id: string;
  collection_id: string;
  organisation_id: string | null;
  request_timestamp: Date;
  successes: Json<string[]>;
  failures: Json<{ id: string; message: string }[]>;
}

export interface ExchangeTables {
  exchange_partners: ExchangePartnersTable;
  taxii_collections: TaxiiCollectionsTable;
  taxii_collection_access: TaxiiCollectionAccessTable;
  taxii_objects: TaxiiObjectsTable;
  taxii_status: TaxiiStatusTable;
}
