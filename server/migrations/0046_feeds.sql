-- Security-event feeds (issue 15, features/feeds/): where events come from (sources), each delivery of
-- a file (runs), and the events, in IntelMQ's harmonization names.

-- A source: Shadowserver (the report type read from each file's name, or fixed), IntelMQ's JSON
-- lines, or a generic CSV/JSON file read through a saved column mapping. `expected_every_hours` raises
-- the "has not arrived" alarm; `dedupe_window_hours` is how long the same finding counts as one.
create table feed_sources (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  format text not null check (format in ('shadowserver', 'intelmq', 'csv', 'json')),
  report_type text,
  column_mapping jsonb,
  expected_every_hours integer check (expected_every_hours > 0),
  dedupe_window_hours integer not null default 24 check (dedupe_window_hours >= 0),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (format in ('shadowserver', 'intelmq') or column_mapping is not null)
);

-- A run: one file (or one archive) read into events. The file itself is kept once, compressed, in the
-- blob store (raw_sha256), not copied into every event. A run ends done (with its counts) or failed
-- (its events removed, so a re-run starts clean); `malformed_sample` holds the first bad lines.
create table feed_runs (
  id uuid primary key default gen_random_uuid(),
  source_id uuid not null references feed_sources (id),
  file_name text not null,
  received_via text not null check (received_via in ('upload', 'api', 'cli', 'mail', 'pull')),
  raw_sha256 text,
  raw_size bigint,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  rows_read integer not null default 0,
  events_stored integer not null default 0,
  duplicates integer not null default 0,
  malformed integer not null default 0,
  malformed_sample jsonb not null default '[]',
  error text,
  started_by uuid references users (id),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index feed_runs_source_idx on feed_runs (source_id, started_at desc);

-- Which findings a source has stored, for the dedupe window: the hash of an event's identifying
-- fields and the window it fell in. Kept apart from the events so the check is one primary-key probe
-- however the events are partitioned; rows older than every window are pruned.
create table feed_seen (
  source_id uuid not null references feed_sources (id) on delete cascade,
  event_hash bytea not null,
  time_bucket bigint not null,
  seen_at timestamptz not null default now(),
  primary key (source_id, event_hash, time_bucket)
);
create index feed_seen_prune_idx on feed_seen (seen_at);

-- The events, partitioned by month of time.source: a year of national feeds stays fast, and retention
-- drops whole partitions. Searched columns are columns; every harmonised field is also in `fields`
-- (jsonb), and whatever else the source said in `extra`.
create table feed_events (
  id uuid not null default gen_random_uuid(),
  time_source timestamptz not null,
  run_id uuid not null,
  source_id uuid not null,
  line integer,
  classification_taxonomy text not null,
  classification_type text not null,
  classification_identifier text,
  source_ip inet,
  source_network cidr,
  source_port integer,
  source_asn bigint,
  source_fqdn text,
  destination_ip inet,
  -- The owner, matched when stored (the constituency registry); null is "unmatched", a list for staff.
  organisation_id uuid,
  matched_by text,
  fields jsonb not null,
  extra jsonb not null default '{}',
  primary key (time_source, id)
) partition by range (time_source);
create index feed_events_org_idx on feed_events (organisation_id, time_source desc);
create index feed_events_run_idx on feed_events (run_id);
create index feed_events_source_ip_idx on feed_events (source_ip);
-- Events older than any partition or in a month without one land here, so an insert never fails for
-- want of a partition; the partition keeper moves them when it creates the month.
create table feed_events_default partition of feed_events default;

-- One file per source at a time: the dedupe of a run is then exact, and a failed run's findings are
-- exactly those seen since it started (events-store.ts).
create unique index feed_runs_one_running_idx on feed_runs (source_id) where status = 'running';
