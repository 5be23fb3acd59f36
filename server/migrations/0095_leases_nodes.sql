-- Scheduled work under a lease with an epoch (server/platform/lease.ts): one row per loop. The epoch
-- rises whenever the lease changes hands, so a paused old leader's writes, which carry the epoch it
-- held, are refused once another node took over.
create table leases (
  name text primary key,
  holder text not null,
  epoch bigint not null,
  acquired_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Every Fyr process ticks here (server/platform/nodes.ts): what runs, and whether it is still alive.
create table nodes (
  id text primary key,
  roles text[] not null,
  version text not null,
  database_kind text not null,
  started_at timestamptz not null default now(),
  last_tick_at timestamptz not null default now(),
  -- Set on a clean shutdown: a stopped node is not a silent one.
  stopped_at timestamptz,
  -- When a peer noticed it silent and raised the alarm (once per silence).
  silent_noticed_at timestamptz
);
create index nodes_last_tick on nodes (last_tick_at);
