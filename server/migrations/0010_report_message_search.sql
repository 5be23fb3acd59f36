-- Reporters' messages get a stored search vector like every other searchable row (0006 indexed an
-- expression instead). With the expression, a common word cost a bitmap scan of every matching message
-- and walking them newest first would recompute both to_tsvector()s per row passed over; stored, the
-- search's newest-first window (features/search/store.ts) can walk a recency index and stop early.
alter table report_messages add column search tsvector generated always as (
  to_tsvector('swedish', coalesce(body, '')) || to_tsvector('english', coalesce(body, ''))
) stored;
drop index report_messages_search_idx;
create index report_messages_search_idx on report_messages using gin (search);
create index report_messages_recent_idx on report_messages (sent_at desc);
