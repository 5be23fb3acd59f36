import type { ColumnType, Generated } from "kysely";
import type {
  ContactRole,
  Nis2Entity,
  NotificationInterval,
  OrganisationLanguage,
  RecordOrigin,
} from "../../../../contract/constituency.js";

/** Mirrors server/migrations/0038_constituency.sql, 0039_registry_version.sql, 0040_contact_verification.sql. */

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** int8: parsed to a JS number by connect.ts. */
type Bigint = ColumnType<number, number | undefined, number>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** Where a row came from (automatic rows name their import source and key; staff edits set edited_at). */
interface ProvenanceColumns {
  origin: Defaulted<RecordOrigin>;
  source: string | null;
  source_key: string | null;
  imported_at: Date | null;
  edited_at: Date | null;
}

export interface OrganisationsTable extends ProvenanceColumns {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  org_number: string | null;
  sector: string | null;
  nis2_entity: Nis2Entity | null;
  language: Defaulted<OrganisationLanguage>;
  tags: TextArray;
  notes: Defaulted<string>;
  notification_interval: Defaulted<NotificationInterval>;
  version: Defaulted<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganisationNetworksTable extends ProvenanceColumns {
  id: Generated<string>;
  organisation_id: string;
  /** inet: read and written as text ('192.0.2.0', '2001:db8::'). */
  first_address: string;
  last_address: string;
  label: string;
  created_at: Generated<Date>;
}

export interface OrganisationAsnsTable extends ProvenanceColumns {
  id: Generated<string>;
  organisation_id: string;
  asn: number;
  created_at: Generated<Date>;
}

export interface OrganisationDomainsTable extends ProvenanceColumns {
  id: Generated<string>;
  organisation_id: string;
  domain: string;
  created_at: Generated<Date>;
}

export interface OrganisationUrlPrefixesTable extends ProvenanceColumns {
  id: Generated<string>;
  organisation_id: string;
  prefix: string;
  created_at: Generated<Date>;
}

export interface OrganisationContactsTable extends ProvenanceColumns {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  name: string | null;
  phone: string | null;
  role: ContactRole;
  language: Defaulted<OrganisationLanguage>;
  pgp_key: string | null;
  pgp_fingerprint: string | null;
  pgp_expires_at: Date | null;
  last_verified_at: Date | null;
  verification_sent_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConstituencyInhibitionsTable {
  id: Generated<string>;
  organisation_id: string;
  network_id: string | null;
  classification_types: ColumnType<string[], string[], string[]>;
  reason: Defaulted<string>;
  expires_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ConstituencyRegistryVersionTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  registry_id: ColumnType<string, string | undefined, never>;
  version: Bigint;
  changed_at: Date | null;
}

/** Mirrors 0070: which organisations a registry version changed (null: many). */
export interface ConstituencyRegistryChangesTable {
  version: Bigint;
  organisation_id: string | null;
  changed_at: Date;
}

export interface ContactVerificationsTable {
  token_hash: string;
  contact_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface ConstituencyTables {
  organisations: OrganisationsTable;
  organisation_networks: OrganisationNetworksTable;
  organisation_asns: OrganisationAsnsTable;
  organisation_domains: OrganisationDomainsTable;
  organisation_url_prefixes: OrganisationUrlPrefixesTable;
  organisation_contacts: OrganisationContactsTable;
  constituency_inhibitions: ConstituencyInhibitionsTable;
  constituency_registry_version: ConstituencyRegistryVersionTable;
  constituency_registry_changes: ConstituencyRegistryChangesTable;
  contact_verifications: ContactVerificationsTable;
}
