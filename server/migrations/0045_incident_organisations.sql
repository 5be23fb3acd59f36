-- Incidents get real organisations (issue 14): "affected organisations" links registry entries, beside
-- the free text (incidents.affected_organisations) kept for whoever is not in the registry.
--
-- A row is either a link (accepted) or a suggestion someone dismissed (not accepted), so it is not
-- offered again. Suggestions themselves are not stored: they are computed when read, from the owners of
-- the values the reader may see in the incident (features/incidents/organisations.ts), so they follow
-- the registry and the case as both change, and never say more than the reader's TLP allows.
create table incident_organisations (
  incident_id uuid not null references incidents (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  -- suggested: accepted (or dismissed) from the owner match; manual: picked by hand.
  source text not null check (source in ('suggested', 'manual')),
  accepted boolean not null,
  added_by uuid references users (id),
  added_at timestamptz not null,
  primary key (incident_id, organisation_id),
  check (accepted or source = 'suggested')
);
-- An organisation's page lists its incidents.
create index incident_organisations_org_idx on incident_organisations (organisation_id) where accepted;
