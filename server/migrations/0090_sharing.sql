-- The named recipients of an incident's material (issue 17, features/sharing): the organisations a
-- TLP:RED or TLP:AMBER+STRICT incident may go to. FIRST TLP 2.0 lets RED reach only those the source
-- names; every other audience (a collection, a feed, a forum, a case participant) never receives it.
create table sharing_recipients (
  incident_id uuid not null references incidents (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  added_by uuid references users (id),
  added_at timestamptz not null,
  primary key (incident_id, organisation_id)
);
-- A partner's or member's collection asks which RED incidents name its organisation.
create index sharing_recipients_org_idx on sharing_recipients (organisation_id);
