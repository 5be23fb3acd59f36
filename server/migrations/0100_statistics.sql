-- Statistics (issue 18): a read model kept by a background pass (features/statistics/refresh.ts).
-- One row per report and per incident with the KPIs derived from its history (the audit trail, the
-- incident timeline, the report conversation, the NIS2 stages) — never from the current fields — and
-- the attributes it is counted under. Rebuilt for a case whenever the audit trail names it.
create table statistics_case_facts (
  case_id uuid primary key,
  kind text not null check (kind in ('report', 'incident')),
  -- When the case began: a report's arrival; an incident's first report (or its opening).
  started_at timestamptz not null,
  channel text,
  severity text,
  rsit_class text,
  rsit_version integer,
  sectors text[] not null default '{}',
  nis2 boolean not null default false,
  ack_seconds double precision,
  first_response_seconds double precision,
  containment_seconds double precision,
  resolution_seconds double precision,
  -- NIS2 deadlines of a report: [{ kind, party, state: "on-time"|"late"|"pending" }].
  nis2_deadlines jsonb not null default '[]',
  refreshed_at timestamptz not null
);
create index statistics_case_facts_started_idx on statistics_case_facts (kind, started_at);

-- How far the pass has read the audit trail (a single row).
create table statistics_watermark (
  singleton boolean primary key default true check (singleton),
  audit_id bigint not null default 0
);
insert into statistics_watermark (audit_id) values (0);

-- Feed events per day and type, added once per finished feed run (the run's id marks it counted), so a
-- year of 50 million events answers from a few thousand rows, and counts survive event retention.
create table statistics_daily_events (
  day date not null,
  event_type text not null,
  events bigint not null,
  primary key (day, event_type)
);
create table statistics_counted_runs (
  run_id uuid primary key,
  counted_at timestamptz not null
);

-- The refresh reads a report's links from the incident timeline (links since undone count too).
create index statistics_report_linked_idx on incident_events ((data ->> 'report')) where kind = 'report_linked';
