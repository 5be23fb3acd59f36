-- The constituency registry's version (features/constituency/): one row, moved on by every write to the
-- registry in the writer's transaction. Each process keeps an in-memory owner index (the feeds' hot
-- path) and rebuilds it when the number it read differs, so a change made by another process, the CLI
-- import included, reaches every process's matches.
create table constituency_registry_version (
  singleton boolean primary key default true check (singleton),
  -- Names this registry (this database): a process's cached index is kept per registry, so a process
  -- that reaches two databases (tests, a staging copy) never answers one from the other's index.
  registry_id uuid not null default gen_random_uuid(),
  version bigint not null default 0,
  changed_at timestamptz
);
insert into constituency_registry_version (singleton, version) values (true, 0);
