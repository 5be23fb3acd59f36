-- The audit trail without a global lock (platform/audit-sealer.ts). Until now every append moved the
-- one audit_head row, whose row lock every audited write then held until commit: all writes in the
-- system committed one after another. Now an entry is inserted on its own, stamped with its
-- transaction id, and left unsealed (no seq, no hashes). A sealer (worker role, one at a time under an
-- advisory lock) chains, every second, the entries of transactions older than its snapshot's xmin —
-- those can no longer commit late — in (xid, id) order, so the chain order is gapless and
-- deterministic. audit_head becomes the sealed head, signed with a key outside the database.

-- Entries written by a process still running 0004's code must not slip in half-migrated.
lock table audit_log in exclusive mode;

-- The column default stamps every insert, also one from an older process that does not name it.
alter table audit_log
  add column xid xid8 default pg_current_xact_id(),
  add column seq bigint,
  -- The database's clock at insert: how long an entry has waited for its seal.
  add column written_at timestamptz default clock_timestamp(),
  alter column prev_hash drop not null,
  alter column hash drop not null;

-- Entries written before this migration are already chained, in id order: that is their position.
update audit_log set seq = numbered.n, xid = null, written_at = null
from (select id, row_number() over (order by id) as n from audit_log) as numbered
where numbered.id = audit_log.id;

create unique index audit_log_seq_idx on audit_log (seq);
-- What the sealer reads: unsealed entries, oldest transaction first. Small, since entries leave it within seconds.
create index audit_log_unsealed_idx on audit_log (xid, id) where seq is null;

alter table audit_head
  add column seq bigint not null default 0,
  -- The transaction id of the last sealed entry (null until something is sealed under this scheme).
  add column xid xid8,
  -- HMAC-SHA256 over (seq, hash, signed_at, key_id) with the anchor key (platform/audit-anchor.ts).
  add column signed_at timestamptz,
  add column key_id text,
  add column mac text;

update audit_head set seq = (select count(*) from audit_log);
