-- Organisations told that a published advisory names a product they declared (issue 16): once per
-- (organisation, advisory, revision), as product_notices does for KEV entries. A new revision of the
-- advisory tells them again (its mail says "updated").
create table advisory_product_notices (
  organisation_id uuid not null references organisations (id) on delete cascade,
  advisory_id uuid not null references advisories (id) on delete cascade,
  revision integer not null check (revision > 0),
  mail_id uuid,
  sent_at timestamptz not null default now(),
  primary key (organisation_id, advisory_id, revision)
);
create index advisory_product_notices_advisory_idx on advisory_product_notices (advisory_id, revision);
