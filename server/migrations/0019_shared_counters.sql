-- Rate limits and upload quotas that hold across processes (platform/http/shared-counter.ts).
-- Each process counts in memory and adds what it counted here about once a second, one row per
-- (bucket, window, node): a node only ever updates its own rows, so no two processes wait on one
-- row lock and a busy client costs no database round trip per request. Every process reads the other
-- nodes' sums for the buckets it is counting. Unlogged: counts lost in a crash cost at most one
-- window of leniency, and the table takes no WAL.
create unlogged table shared_counts (
  bucket text not null,
  window_start timestamptz not null,
  node text not null,
  count bigint not null,
  expires_at timestamptz not null,
  primary key (bucket, window_start, node)
);
create index shared_counts_expires_idx on shared_counts (expires_at);
