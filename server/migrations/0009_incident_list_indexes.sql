-- Indexes the incident list and search need at scale (bench/incidents.ts: 100k incidents, 300k reports,
-- 1M timeline entries), beside those of 0006.

-- Sort "severity": critical first, then newest. The expression must stay identical to SEVERITY_RANK in
-- server/features/incidents/list-store.ts, or the planner cannot use this index.
create index incidents_severity_rank_idx on incidents (
  (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end), created_at desc, id desc
);
-- Sort "updated" (0006 has none), and sort "due" over every status (0006's due index is only for the
-- statuses whose clock runs, for the overdue view).
create index incidents_updated_idx on incidents (updated_at desc, id desc);
create index incidents_due_all_idx on incidents (due_at, id);
-- Filters by RSIT class and by sector: without these a combination matching few incidents walks the
-- whole table in sort order looking for a page that is not there.
create index incidents_class_idx on incidents (rsit_class, created_at desc, id desc);
create index incidents_sectors_idx on incidents using gin (sectors);

-- Search ranks, per kind, the newest matches of a query (a bounded window): for a common word PostgreSQL
-- walks these newest first and stops early instead of ranking every match. (Reports and incidents have
-- theirs from 0003/0006; reporters' messages from 0010.)
create index incident_events_note_recent_idx on incident_events (occurred_at desc) where kind = 'note';
create index incident_messages_recent_idx on incident_messages (sent_at desc);
