-- YARA rules written by analysts, and what they found in the stored files (features/yara/).
-- Files are not a table of their own: they are found by SHA-256 in the rows that hold them (report
-- and incident attachments, raw mail, mail files), so a file held by several cases is scanned once.

-- A rule: one YARA source text (it may declare several YARA rules) with a name, its author, a TLP
-- label (TLP:RED: only the author and admins read the text) and a description. Every change writes a
-- revision (yara_rule_versions); `version` is the current one, and what an edit must name (409 when stale).
create table yara_rules (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  author_id uuid references users (id),
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  description text not null default '',
  source text not null,
  -- The YARA rules the source declares (not private ones): how a match is told back to this rule.
  identifiers text[] not null,
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users (id),
  deleted_at timestamptz
);
create unique index yara_rules_name_idx on yara_rules (lower(name)) where deleted_at is null;

create table yara_rule_versions (
  rule_id uuid not null references yara_rules (id),
  version integer not null,
  name text not null,
  tlp text not null,
  description text not null,
  source text not null,
  identifiers text[] not null,
  enabled boolean not null,
  deleted boolean not null default false,
  written_by uuid references users (id),
  written_at timestamptz not null,
  primary key (rule_id, version)
);

-- The ruleset's version: raised by every change to what is scanned for (a source, enabled, deleted).
-- A file is scanned once per ruleset version at most.
create table yara_ruleset (
  singleton boolean primary key default true check (singleton),
  version bigint not null default 0,
  changed_at timestamptz
);
insert into yara_ruleset (singleton, version) values (true, 0);

-- Each stored file's scan: the ruleset version it was last scanned with (0: never), how that went,
-- and while a process scans it, its claim (lease), so two processes never scan it for one version.
create table yara_file_scans (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  ruleset_version bigint not null default 0,
  outcome text check (outcome in ('scanned', 'too_large', 'timed_out', 'failed', 'missing')),
  detail text,
  size bigint,
  duration_ms integer,
  scanned_at timestamptz,
  claimed_by text,
  claimed_until timestamptz,
  -- Claims that ended without a result (the process died): after a few the file is given up on.
  attempts integer not null default 0,
  enrolled_at timestamptz not null
);
-- What is left to scan: never scanned (0) first, then older than a sweep's version.
create index yara_file_scans_todo_idx on yara_file_scans (ruleset_version, sha256);

-- A rule's match in one file, per rule revision: which of its YARA rules matched and where (string
-- identifier, offset, length; up to 32 bytes of what matched, shown only to who may read the rule).
create table yara_matches (
  sha256 text not null,
  rule_id uuid not null references yara_rules (id),
  rule_version integer not null,
  ruleset_version bigint not null,
  identifiers text[] not null,
  strings jsonb not null,
  truncated boolean not null default false,
  matched_at timestamptz not null,
  primary key (sha256, rule_id, rule_version)
);
create index yara_matches_rule_idx on yara_matches (rule_id, matched_at desc, sha256);

-- Which incidents have been told (a timeline event) that a rule matched one of their files: once per
-- (incident, file, rule), also for an incident that gets the file (or its report) later.
create table yara_match_notices (
  incident_id uuid not null references incidents (id),
  sha256 text not null,
  rule_id uuid not null references yara_rules (id),
  event_id uuid not null,
  noticed_at timestamptz not null,
  primary key (incident_id, sha256, rule_id)
);

-- "Scan everything now": every stored file is brought to at least this ruleset version. Work left is
-- read from yara_file_scans, so a sweep survives restarts without a cursor of its own.
create table yara_sweeps (
  id uuid primary key default gen_random_uuid(),
  ruleset_version bigint not null,
  requested_by uuid references users (id),
  requested_at timestamptz not null,
  finished_at timestamptz
);
create index yara_sweeps_open_idx on yara_sweeps (requested_at) where finished_at is null;

-- A YARA match is an event on the timeline of every incident holding the file.
alter table incident_events drop constraint incident_events_kind_check;
alter table incident_events add constraint incident_events_kind_check check (kind in (
  'note', 'created', 'status', 'field', 'assignment', 'member', 'report_linked', 'report_unlinked',
  'message_out', 'message_in', 'task', 'playbook', 'attachment', 'yara_match'
));
