-- Exchange (issue 17, features/exchange): partner CERTs, TAXII 2.1 collections and their objects.
--
-- A partner CERT is an organisation of the registry marked here, with member users whose API tokens
-- speak TAXII and read the MISP feed. max_tlp is the agreement with it: the strictest label it may
-- receive when not named (TLP:GREEN unless the CERT agreed need-to-know, TLP:AMBER).
create table exchange_partners (
  organisation_id uuid primary key references organisations (id) on delete cascade,
  max_tlp text not null default 'TLP:GREEN' check (max_tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER')),
  created_by uuid references users (id),
  created_at timestamptz not null
);

-- A collection is for one audience: partners (all granted, or one organisation), one member
-- organisation, and later a forum or a coordination case (audience_id names which).
create table taxii_collections (
  id uuid primary key,
  title text not null,
  description text not null default '',
  audience_kind text not null check (audience_kind in ('partner', 'member-organisation', 'forum', 'coordination-case')),
  organisation_id uuid references organisations (id) on delete cascade,
  audience_id uuid,
  max_tlp text not null default 'TLP:GREEN' check (max_tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER')),
  created_at timestamptz not null,
  check (audience_kind <> 'member-organisation' or organisation_id is not null)
);

create table taxii_collection_access (
  collection_id uuid not null references taxii_collections (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  can_read boolean not null,
  can_write boolean not null,
  primary key (collection_id, organisation_id)
);

-- One version of one STIX object in one collection. incident_id: the incident it was shared from (read
-- again at every request, so an incident raised to TLP:RED leaves every collection at once).
create table taxii_objects (
  collection_id uuid not null references taxii_collections (id) on delete cascade,
  object_id text not null,
  version timestamptz not null,
  date_added timestamptz not null,
  type text not null,
  spec_version text not null default '2.1',
  incident_id uuid references incidents (id) on delete cascade,
  added_by_organisation uuid references organisations (id) on delete set null,
  body jsonb not null,
  primary key (collection_id, object_id, version)
);
-- Pages are keyset over (date_added, object_id, version): TAXII 2.1 §3.4 sorts by date added.
create index taxii_objects_page_idx on taxii_objects (collection_id, date_added, object_id, version);
create index taxii_objects_incident_idx on taxii_objects (incident_id) where incident_id is not null;

-- The status of a POST to a collection (TAXII 2.1 §4.3): every object succeeds or fails at once.
create table taxii_status (
  id uuid primary key,
  collection_id uuid not null references taxii_collections (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete cascade,
  request_timestamp timestamptz not null,
  successes jsonb not null default '[]',
  failures jsonb not null default '[]'
);
