-- Job priorities: a reporter's receipt must not wait behind thousands of extraction or scan jobs (a
-- load test left 9,000 receipts queued behind extraction, draining at 26/s). Lower runs first; among
-- equals, the oldest due job. 100 is the default; mail is 10; bulk background work (rescans, backfills) 200.
alter table jobs add column priority smallint not null default 100;
drop index jobs_due_idx;
-- The claim reads due, queued jobs in (priority, run_at, id) order. Jobs scheduled for later in a
-- high priority are passed over in the index; they are few (retries), so the scan stays short.
create index jobs_due_idx on jobs (priority, run_at, id) where status = 'queued';
