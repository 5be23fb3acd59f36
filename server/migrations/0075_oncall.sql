-- Duty rota and escalation (issue 18, features/oncall/). Times are timestamptz (UTC); the rota's
-- wall-clock patterns are in Europe/Stockholm (or FYR_TIME_ZONE) and expanded into shifts in UTC, so a
-- DST change moves a shift's UTC hour, never its local one. Local dates are ISO text (YYYY-MM-DD): the
-- same on both drivers, and ordered as text.

-- A duty officer's reachability beyond their account's e-mail: a phone for SMS.
create table oncall_people (
  user_id uuid primary key references users (id) on delete cascade,
  phone text check (phone ~ '^\+[0-9]{6,16}$'),
  updated_at timestamptz not null default now()
);

-- A weekly pattern: every `weekday` (ISO 1 = Monday) from `start_time` to `end_time` local (an end at or
-- before the start ends the next day), from `valid_from` to `valid_until`. Its shifts are materialised.
create table oncall_patterns (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('primary', 'backup')),
  weekday smallint not null check (weekday between 1 and 7),
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  valid_from text not null check (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  valid_until text not null check (valid_until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  check (valid_until >= valid_from),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- One shift. `on_date`: the local date a pattern's shift belongs to (exceptions name it); null for a
-- single shift. The two reminder columns are claimed by an UPDATE … WHERE … IS NULL: each mail once.
create table oncall_shifts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('primary', 'backup')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  pattern_id uuid references oncall_patterns (id) on delete cascade,
  on_date text check (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  reminded_day_at timestamptz,
  reminded_hour_at timestamptz,
  check (ends_at > starts_at),
  unique (pattern_id, on_date)
);
create index oncall_shifts_time on oncall_shifts (starts_at, ends_at);
create index oncall_shifts_user on oncall_shifts (user_id, starts_at);

-- Dates a pattern skips (holidays, leave): its shift on that date is removed and not made again.
create table oncall_pattern_exceptions (
  pattern_id uuid not null references oncall_patterns (id) on delete cascade,
  on_date text not null check (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  primary key (pattern_id, on_date)
);

-- A swap: the shift's officer asks another to take it; the other (or an admin) accepts.
create table oncall_swaps (
  id uuid primary key default gen_random_uuid(),
  shift_id uuid not null references oncall_shifts (id) on delete cascade,
  from_user_id uuid not null references users (id) on delete cascade,
  to_user_id uuid not null references users (id) on delete cascade,
  status text not null default 'requested' check (status in ('requested', 'accepted', 'declined', 'cancelled')),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by uuid references users (id) on delete set null
);
create unique index oncall_swaps_open on oncall_swaps (shift_id) where status = 'requested';

-- The handover note the outgoing officer writes; `prefill` is what Fyr found (open reports, incidents,
-- NIS2 deadlines in the next shift) when the note was written.
create table oncall_handovers (
  id uuid primary key default gen_random_uuid(),
  from_user_id uuid not null references users (id) on delete cascade,
  to_user_id uuid not null references users (id) on delete cascade,
  note text not null,
  prefill jsonb not null,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz
);
create index oncall_handovers_to on oncall_handovers (to_user_id, created_at desc);

-- A person's calendar feed: only the token's SHA-256 is stored; a new token replaces the old.
create table oncall_calendar_tokens (
  user_id uuid primary key references users (id) on delete cascade,
  token_sha256 bytea not null unique,
  created_at timestamptz not null default now()
);

-- Escalation policies. `trigger`: what starts one; `sectors`: a policy for these sectors wins over the
-- trigger's general one (empty: all). `steps`: [{ afterMinutes, notify, userId?, channels }].
create table oncall_policies (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  trigger text not null check (trigger in ('report-overdue', 'nis2-deadline', 'critical-feed', 'operations-alarm')),
  sectors text[] not null default '{}',
  steps jsonb not null,
  loops smallint not null default 1 check (loops between 1 and 10),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);
insert into oncall_policies (id, trigger, steps, loops) values
  ('default', 'report-overdue', '[{"afterMinutes":0,"notify":"primary","channels":["email","sms"]},{"afterMinutes":10,"notify":"backup","channels":["email","sms"]},{"afterMinutes":20,"notify":"all-duty","channels":["email","webhook"]}]', 2);

-- One escalation per trigger and subject (a report, a deadline, an alarm): the unique key is what makes
-- two nodes' ticks start it once. `priority`: lower pages first (NIS2 and essential sectors 0).
create table oncall_escalations (
  id uuid primary key default gen_random_uuid(),
  trigger text not null,
  subject_key text not null,
  subject_ref text not null,
  title text not null default '',
  policy_id text not null references oncall_policies (id) on delete cascade,
  priority smallint not null default 1,
  started_at timestamptz not null,
  next_step smallint not null default 0,
  next_loop smallint not null default 0,
  next_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references users (id) on delete set null,
  ack_method text check (ack_method in ('link', 'mail', 'console', 'api', 'resolved')),
  unique (trigger, subject_key)
);
create index oncall_escalations_due on oncall_escalations (next_at) where acknowledged_at is null;

-- One row per escalation, step and loop: the claim that makes a step's notification happen once. It is
-- inserted with its job in one transaction; the job (SKIP LOCKED) sends it.
create table oncall_pages (
  id uuid primary key default gen_random_uuid(),
  escalation_id uuid not null references oncall_escalations (id) on delete cascade,
  step smallint not null,
  loop smallint not null,
  created_at timestamptz not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'skipped')),
  unique (escalation_id, step, loop)
);

-- One delivery per page, person and channel, tried in the step's order until one is sent.
create table oncall_deliveries (
  id uuid primary key default gen_random_uuid(),
  page_id uuid not null references oncall_pages (id) on delete cascade,
  user_id uuid references users (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms', 'webhook')),
  target text not null default '',
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  error text,
  -- The outbox message of an e-mail delivery: a reply carrying its Message-ID ("ack") acknowledges.
  outbox_id uuid,
  updated_at timestamptz not null,
  -- A webhook goes to a bridge, not a person: its row has no user, and still one per page.
  unique nulls not distinct (page_id, user_id, channel)
);
create index oncall_deliveries_outbox on oncall_deliveries (outbox_id) where outbox_id is not null;

-- The one-time acknowledgement link in a page: the token's SHA-256, whom it was sent to, until when.
create table oncall_ack_tokens (
  token_sha256 bytea primary key,
  escalation_id uuid not null references oncall_escalations (id) on delete cascade,
  user_id uuid references users (id) on delete cascade,
  language text not null default 'sv' check (language in ('sv', 'en')),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index oncall_ack_tokens_escalation on oncall_ack_tokens (escalation_id);
