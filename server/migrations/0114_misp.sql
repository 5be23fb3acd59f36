-- MISP exchange (issue 17, features/exchange): partner MISP feeds Fyr pulls, and every MISP event
-- imported into an incident (uploaded by an analyst or pulled from a feed), with the TLP each imported
-- value carries — the sharing decision never lets a value go wider than the TLP it came with.

-- A partner's MISP feed (manifest.json + <uuid>.json), pulled on a schedule into one incident.
create table misp_feed_sources (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  url text not null check (url ~ '^https?://'),
  incident_id uuid not null references incidents (id) on delete cascade,
  organisation_id uuid references organisations (id) on delete set null,
  enabled boolean not null default true,
  last_pulled_at timestamptz,
  last_error text,
  created_by uuid references users (id),
  created_at timestamptz not null
);

-- One MISP event imported into one incident. event_timestamp: the event's own timestamp, so a feed
-- pull imports an event again only when it changed.
create table misp_imports (
  id uuid primary key,
  incident_id uuid not null references incidents (id) on delete cascade,
  source_id uuid references misp_feed_sources (id) on delete set null,
  event_uuid uuid not null,
  event_timestamp bigint,
  info text not null,
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  attributes integer not null,
  skipped integer not null,
  imported_by uuid references users (id),
  imported_at timestamptz not null
);
create index misp_imports_incident_idx on misp_imports (incident_id, imported_at);
create index misp_imports_source_idx on misp_imports (source_id, event_uuid) where source_id is not null;

-- Each value an import brought, with the TLP of its attribute (or event).
create table misp_import_values (
  import_id uuid not null references misp_imports (id) on delete cascade,
  incident_id uuid not null references incidents (id) on delete cascade,
  observable_id bigint not null references observables (id) on delete cascade,
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  primary key (import_id, observable_id)
);
create index misp_import_values_incident_idx on misp_import_values (incident_id, observable_id);
