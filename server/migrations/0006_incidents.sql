-- The incident workspace: incidents built from reports (linked, never merged: RTIR's model), who may
-- see a TLP:RED incident, the timeline, tasks with checklists, playbooks, correspondence with third
-- parties, advice templates, attachments and saved views.
--
-- Text search: each searchable row carries a stored tsvector of its text under both the Swedish and
-- the English configuration, so a word matches in either language's stemming; queries OR the two.

create table incidents (
  id uuid primary key default gen_random_uuid(),
  -- FYR-INC-2026-0007: one sequence per year (incident_number_2026, …), created on first use.
  reference text not null unique,
  title text not null check (length(title) between 1 and 300),
  status text not null default 'new' check (status in ('new', 'open', 'stalled', 'resolved', 'rejected')),
  severity text not null check (severity in ('critical', 'high', 'medium', 'low')),
  -- RSIT (ENISA reference security incident taxonomy): class and type as the machinetag names them,
  -- with the taxonomy version they were chosen from, so a later taxonomy does not reinterpret them.
  rsit_class text,
  rsit_type text,
  rsit_version integer,
  sectors text[] not null default '{}',
  -- Free text until the constituency registry exists; then organisation ids join beside this.
  affected_organisations text[] not null default '{}',
  tlp text not null default 'TLP:AMBER'
    check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  pap text not null default 'PAP:AMBER' check (pap in ('PAP:CLEAR', 'PAP:GREEN', 'PAP:AMBER', 'PAP:RED')),
  assignee_id uuid references users (id),
  -- From the severity's SLA. While stalled the clock is paused: due_at is kept, paused_at set, and on
  -- leaving stalled due_at moves on by the time spent paused.
  due_at timestamptz,
  sla_paused_at timestamptz,
  resolution text,
  -- KPI timestamps. reported_at: the earliest linked report; acknowledged_at: its acknowledgement.
  reported_at timestamptz,
  acknowledged_at timestamptz,
  first_response_at timestamptz,
  contained_at timestamptz,
  resolved_at timestamptz,
  rejected_at timestamptz,
  created_at timestamptz not null,
  created_by uuid references users (id),
  updated_at timestamptz not null,
  -- Optimistic concurrency: a PATCH names the version it read; a mismatch is a 409.
  version integer not null default 1,
  search tsvector generated always as (
    to_tsvector('swedish', coalesce(reference, '') || ' ' || coalesce(title, '') || ' ' || coalesce(resolution, ''))
    || to_tsvector('english', coalesce(title, '') || ' ' || coalesce(resolution, ''))
  ) stored
);
-- The views: newest first overall, by status, mine, unassigned, overdue, by severity.
create index incidents_created_idx on incidents (created_at desc, id desc);
create index incidents_status_idx on incidents (status, created_at desc, id desc);
create index incidents_assignee_idx on incidents (assignee_id, status, created_at desc, id desc);
create index incidents_due_idx on incidents (due_at, id) where status in ('new', 'open');
create index incidents_severity_idx on incidents (severity, status, created_at desc, id desc);
create index incidents_red_idx on incidents (id) where tlp = 'TLP:RED';
create index incidents_search_idx on incidents using gin (search);

-- Reports linked to incidents. A report may belong to more than one incident; the pair is unique.
create table incident_reports (
  incident_id uuid not null references incidents (id),
  report_id uuid not null references reports (id),
  linked_at timestamptz not null,
  linked_by uuid references users (id),
  primary key (incident_id, report_id)
);
create index incident_reports_report_idx on incident_reports (report_id, incident_id);

-- Explicit members: with the assignee and admins, the only people who see a TLP:RED incident.
create table incident_members (
  incident_id uuid not null references incidents (id),
  user_id uuid not null references users (id),
  added_at timestamptz not null,
  added_by uuid references users (id),
  primary key (incident_id, user_id)
);
create index incident_members_user_idx on incident_members (user_id, incident_id);

-- The timeline: notes written by people (occurred_at = when it happened, recorded_at = when written)
-- and system events (status, links, assignments, messages, tasks) in one ordered stream.
create table incident_events (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  kind text not null check (kind in (
    'note', 'created', 'status', 'field', 'assignment', 'member', 'report_linked', 'report_unlinked',
    'message_out', 'message_in', 'task', 'playbook', 'attachment'
  )),
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  author_id uuid references users (id),
  body text,
  data jsonb not null default '{}',
  search tsvector generated always as (
    to_tsvector('swedish', coalesce(body, '')) || to_tsvector('english', coalesce(body, ''))
  ) stored
);
create index incident_events_timeline_idx on incident_events (incident_id, occurred_at, recorded_at, id);
create index incident_events_search_idx on incident_events using gin (search) where kind = 'note';

-- Tasks and their checklists. A task may come from a playbook (playbook_id, for the record).
create table playbooks (
  id uuid primary key default gen_random_uuid(),
  -- The RSIT class this playbook is offered for; null offers it for every class.
  rsit_class text,
  name_sv text not null,
  name_en text not null,
  description_sv text not null default '',
  description_en text not null default '',
  -- [{ "title": { "sv", "en" }, "checklist": [{ "sv", "en" }] }], checked by the service's zod schema.
  tasks jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  archived_at timestamptz,
  version integer not null default 1
);
create index playbooks_class_idx on playbooks (rsit_class) where archived_at is null;

create table incident_tasks (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  title text not null check (length(title) between 1 and 300),
  description text not null default '',
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  assignee_id uuid references users (id),
  due_at timestamptz,
  playbook_id uuid references playbooks (id),
  position integer not null,
  created_at timestamptz not null,
  created_by uuid references users (id),
  done_at timestamptz,
  done_by uuid references users (id),
  version integer not null default 1
);
create index incident_tasks_incident_idx on incident_tasks (incident_id, position);

create table incident_task_items (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references incident_tasks (id),
  label text not null check (length(label) between 1 and 500),
  position integer not null,
  done_at timestamptz,
  done_by uuid references users (id)
);
create index incident_task_items_task_idx on incident_task_items (task_id, position);

-- Correspondence with third parties (RTIR's investigations): one thread per counterpart, in and out.
-- The reporter's own thread is the report's conversation (report_messages), so the reporter keeps
-- one follow-up page whichever incident the report joins.
create table incident_threads (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  counterpart text not null check (length(counterpart) between 1 and 200),
  addresses text[] not null,
  created_at timestamptz not null,
  created_by uuid references users (id)
);
create index incident_threads_incident_idx on incident_threads (incident_id, created_at);

create table incident_messages (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  thread_id uuid not null references incident_threads (id),
  direction text not null check (direction in ('out', 'in')),
  from_address text,
  to_addresses text[] not null default '{}',
  subject text not null,
  body text not null,
  -- Outbound: the outbox row whose status is the delivery status. Inbound: the Message-ID taken.
  outbox_id uuid references mail_messages (id),
  mail_message_id text unique,
  encrypted boolean not null default false,
  signed boolean not null default false,
  author_id uuid references users (id),
  sent_at timestamptz not null,
  search tsvector generated always as (
    to_tsvector('swedish', coalesce(subject, '') || ' ' || coalesce(body, ''))
    || to_tsvector('english', coalesce(subject, '') || ' ' || coalesce(body, ''))
  ) stored
);
create index incident_messages_thread_idx on incident_messages (thread_id, sent_at);
create index incident_messages_incident_idx on incident_messages (incident_id, sent_at);
create index incident_messages_search_idx on incident_messages using gin (search);

-- Advice templates: admin-editable texts per language with {placeholders}.
create table advice_templates (
  id uuid primary key default gen_random_uuid(),
  key text not null,
  language text not null check (language in ('sv', 'en')),
  name text not null,
  subject text not null,
  body text not null,
  updated_at timestamptz not null,
  archived_at timestamptz,
  unique (key, language)
);

create table incident_attachments (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  filename text not null,
  content_type text not null,
  sha256 text not null,
  size bigint not null,
  uploaded_by uuid references users (id),
  created_at timestamptz not null
);
create index incident_attachments_incident_idx on incident_attachments (incident_id, created_at);
create index incident_attachments_sha256_idx on incident_attachments (sha256);

-- An analyst's saved filters for the incident list.
create table saved_views (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  name text not null check (length(name) between 1 and 100),
  filters jsonb not null,
  created_at timestamptz not null,
  unique (user_id, name)
);

-- Full-text search over reports: the reporter's answers, under both configurations.
alter table reports add column search tsvector generated always as (
  to_tsvector('swedish', coalesce(reference, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(what_happened, '')
    || ' ' || coalesce(organisation_name, '') || ' ' || coalesce(discovery_how, '') || ' ' || coalesce(countermeasures, ''))
  || to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(what_happened, '')
    || ' ' || coalesce(discovery_how, '') || ' ' || coalesce(countermeasures, ''))
) stored;
create index reports_search_idx on reports using gin (search);
create index report_messages_search_idx on report_messages using gin (
  (to_tsvector('swedish', body) || to_tsvector('english', body))
);
