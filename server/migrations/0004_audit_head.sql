-- The head of the audit hash chain, kept in one row so an append is a single statement
-- (platform/audit.ts): UPDATE this row to the next hash, INSERT the entry from what it returns.
-- The UPDATE's row lock serialises appenders until commit, which replaces the advisory lock plus
-- "select the last hash" round trips, and keeps chain order = commit order = id order.

-- Entries written by a process still running the old code (advisory lock, read last hash, insert)
-- must not slip in between reading the last entry and creating the head: block inserts until this
-- migration commits. Reads go on; old appenders in flight are waited for.
lock table audit_log in exclusive mode;

create table audit_head (
  -- Always true, so the table can hold at most one row.
  id boolean primary key default true check (id),
  -- The last entry's prev_hash and hash; both the genesis value while the trail is empty.
  prev_hash text not null,
  hash text not null
);

insert into audit_head (prev_hash, hash)
select coalesce(last.prev_hash, repeat('0', 64)), coalesce(last.hash, repeat('0', 64))
from (select 1) as one
left join (select prev_hash, hash from audit_log order by id desc limit 1) as last on true;
