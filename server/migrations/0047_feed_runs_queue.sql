-- Feed runs through the job queue (issue 15): an uploaded file is stored and its run recorded as
-- queued in one go, so an accepted upload is never lost to a crash; the job reads it later. A run
-- also says how it was read (format, report type) and how many of its events found an owner.
alter table feed_runs drop constraint feed_runs_status_check;
alter table feed_runs add constraint feed_runs_status_check check (status in ('queued', 'running', 'done', 'failed'));
alter table feed_runs add column format text check (format in ('shadowserver', 'intelmq', 'csv', 'json'));
alter table feed_runs add column report_type text;
alter table feed_runs add column matched integer not null default 0;
-- The run list's keyset (newest first) across sources.
create index feed_runs_started_idx on feed_runs (started_at desc, id desc);
-- The staff event list: newest first, and by type.
create index feed_events_time_idx on feed_events (time_source desc, id desc);
