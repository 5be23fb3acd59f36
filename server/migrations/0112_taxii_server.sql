-- TAXII 2.1 server (issue 17, features/exchange/taxii): what each stored object of an incident is to the
-- sharing decision, which is asked again at every read. share_material: 'incident' (the incident SDO),
-- 'note', 'value' (an observed SCO; observable_id names the value), 'indicator' (a value recipients may
-- act on: PAP), 'meta' (the CERT's identity and the TLP markings: they go when the incident goes).
-- Objects a partner contributed carry no incident and none of these.
alter table taxii_objects add column share_material text
  check (share_material in ('incident', 'note', 'value', 'indicator', 'meta'));
alter table taxii_objects add column observable_id bigint;
alter table taxii_objects add constraint taxii_objects_material_check
  check ((incident_id is null) = (share_material is null));

-- Whether a newer version of the object is in the collection: `match[version]=last` (every default
-- request) reads it instead of probing the primary key once per row (16 ms of a 1,000-object page).
-- Kept by the writers (taxii-store.ts refreshSuperseded) in the transaction that adds or deletes.
alter table taxii_objects add column superseded boolean not null default false;

-- A status names who posted (its owner alone reads it) and holds the STIX ids and versions it took.
alter table taxii_status add column posted_by uuid references users (id) on delete set null;
