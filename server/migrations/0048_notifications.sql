-- Notifications to the owners of feed events (issue 15, features/notifications/): what is waiting to be
-- told, each digest told (one per organisation and interval), its deliveries, bounces and replies, and the
-- advice texts per classification.

-- Outbound mail may carry files (a digest's CSV): name, type and the content (text), kept with the row so
-- a retry sends the same bytes.
alter table mail_messages add column attachments jsonb not null default '[]';

-- A finished feed run's owned events are copied here once (notification_collected_runs says which runs
-- were), and leave when a digest takes them. Runs finished before notifications existed are not told.
create table notification_collected_runs (
  run_id uuid primary key,
  collected_at timestamptz not null default now()
);
insert into notification_collected_runs (run_id) select id from feed_runs where status in ('done', 'failed');

create table notification_pending (
  organisation_id uuid not null,
  event_time timestamptz not null,
  event_id uuid not null,
  classification_type text not null,
  collected_at timestamptz not null default now(),
  primary key (organisation_id, event_time, event_id)
);

-- A digest: one organisation, one interval (immediate for critical types), its reference
-- (FYR-N-2026-000123), the mail as written (subject, text, CSV; sealed again on each delivery, for the
-- keys known then) and its language.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  organisation_id uuid not null,
  interval text not null check (interval in ('immediate', 'hourly', 'daily', 'weekly')),
  language text not null check (language in ('sv', 'en')),
  subject text not null,
  body text not null,
  csv text not null,
  event_count integer not null,
  inhibited_count integer not null default 0,
  first_event_at timestamptz not null,
  last_event_at timestamptz not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index notifications_org_idx on notifications (organisation_id, interval, created_at desc);
create index notifications_list_idx on notifications (created_at desc, id desc);

create table notification_events (
  notification_id uuid not null references notifications (id) on delete cascade,
  event_time timestamptz not null,
  event_id uuid not null,
  classification_type text not null,
  primary key (notification_id, event_time, event_id)
);

-- Each time a digest was handed to the outbox (first, resent): to whom, sealed how; its status is the
-- outbox row's. No outbox row: nobody could be written to (no abuse or security contact that works).
create table notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notifications (id) on delete cascade,
  outbox_id uuid references mail_messages (id),
  recipients text[] not null,
  encrypted boolean not null default false,
  signed boolean not null default false,
  bounced_at timestamptz,
  bounce_reason text,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index notification_deliveries_idx on notification_deliveries (notification_id, created_at desc);
create index notification_deliveries_outbox_idx on notification_deliveries (outbox_id);

-- Contact addresses a hard bounce proved dead: not written to again until staff clear them (or the
-- registry's address changes); their organisation is on the "cannot reach" list meanwhile.
create table notification_failing_addresses (
  address text primary key check (address = lower(address)),
  organisation_id uuid not null,
  reason text not null,
  notification_id uuid references notifications (id) on delete set null,
  failed_at timestamptz not null
);
create index notification_failing_org_idx on notification_failing_addresses (organisation_id);

-- An owner's answer to a digest (threaded by the reply token: our Message-ID in In-Reply-To/References).
create table notification_replies (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notifications (id) on delete cascade,
  from_address text,
  subject text not null,
  body text not null,
  message_id text not null,
  raw_sha256 text not null,
  received_at timestamptz not null,
  unique (notification_id, message_id)
);

-- Mail arrivals may now be a bounce or an automatic answer to a digest, or a reply to it.
alter table mail_arrivals drop constraint mail_arrivals_outcome_check;
alter table mail_arrivals add constraint mail_arrivals_outcome_check
  check (outcome in ('created', 'threaded', 'incident', 'duplicate', 'notification'));
