-- Which organisations each registry version changed (features/constituency/registry-version.ts). A
-- process's owner index applies a small change as a delta (reads only those organisations' holdings)
-- instead of rebuilding from the whole registry; organisation_id null means "many" (an import): the
-- index is rebuilt beside the one in use. Every version writes at least one row, so a reader can tell a
-- complete run of versions from one whose rows were pruned (then it rebuilds).
create table constituency_registry_changes (
  version bigint not null,
  organisation_id uuid,
  changed_at timestamptz not null
);
create index constituency_registry_changes_version on constituency_registry_changes (version);
create index constituency_registry_changes_changed_at on constituency_registry_changes (changed_at);
