-- The country a RIPE record was registered in (its object's `country:`), so that importing one
-- country's networks never removes another country's: an import's removals are scoped to its filter.
alter table organisations add column registry_country text;
alter table organisation_networks add column registry_country text;
create index organisation_networks_source_country_idx
  on organisation_networks (source, registry_country) where source is not null;
