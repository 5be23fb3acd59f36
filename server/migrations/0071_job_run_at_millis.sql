-- A job queued "now" is due at the database's now(), which has microseconds; the worker asks for due
-- jobs with its own clock, which has milliseconds. A job queued and then looked for within the same
-- millisecond was not yet due to the worker (it waited one idle turn; a test's drain missed it on
-- PostgreSQL). Jobs are due at the worker clock's precision.
alter table jobs alter column run_at set default date_trunc('milliseconds', now());
