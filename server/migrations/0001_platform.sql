-- Platform tables: settings, audit trail, job queue, outgoing mail.
-- Plain PostgreSQL 15 SQL; runs on PGlite and PostgreSQL alike.

create table app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical entry). See platform/audit.ts.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  actor_id uuid,
  actor text not null,
  action text not null,
  target_type text,
  target_id text,
  diff jsonb,
  ip text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_action_idx on audit_log (action, id);
create index audit_log_actor_idx on audit_log (actor_id, id);
create index audit_log_target_idx on audit_log (target_type, target_id, id);

create table jobs (
  id bigserial primary key,
  name text not null,
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 8,
  run_at timestamptz not null default now(),
  locked_by text,
  locked_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
-- The claim query reads only due, queued jobs in order.
create index jobs_due_idx on jobs (run_at, id) where status = 'queued';
-- The console lists jobs of one status newest first; the reaper scans 'running' ones.
create index jobs_status_idx on jobs (status, id);

create table mail_messages (
  id uuid primary key default gen_random_uuid(),
  recipients text[] not null,
  subject text not null,
  text_body text not null,
  headers jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'sent', 'kept', 'failed')),
  smtp_message_id text,
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
-- The outbox pages newest first by (created_at, id).
create index mail_messages_created_idx on mail_messages (created_at desc, id desc);
