-- People and machines that sign in: staff users (later constituent members), sessions,
-- API tokens, TOTP recovery codes, failed-login back-off.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email)),
  name text not null,
  -- 'staff' holds console roles; 'member' (a constituent organisation's user) comes with the
  -- constituency registry and is then bound to organisation_id.
  kind text not null default 'staff' check (kind in ('staff', 'member')),
  organisation_id uuid,
  roles text[] not null default '{}',
  password_hash text,
  language text not null default 'sv' check (language in ('sv', 'en')),
  totp_secret text,
  totp_enabled_at timestamptz,
  -- Last accepted TOTP time step, so a code cannot be replayed within its window.
  totp_last_step bigint,
  last_login_at timestamptz,
  disabled_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  label text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

create table recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Keyed by the e-mail as typed (lower-cased), whether or not an account exists, so the
-- back-off reveals nothing about which addresses are accounts.
create table login_failures (
  email text primary key,
  failures integer not null default 0,
  last_failure_at timestamptz not null default now(),
  locked_until timestamptz
);
