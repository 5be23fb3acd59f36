-- A report's full-text vector is computed after the report is taken in, not while the reporter waits:
-- the Swedish and English stemmers over a 2 KB report cost about 1 ms of the database's time, most of
-- what the whole intake transaction costs (issue 11, item 18). The search indexer (worker role) fills
-- `search` within a second or so; until then search computes the vector of the few pending rows on the
-- spot (reports_search_pending_idx), so a report is findable from the moment it is acknowledged.

-- The one definition of what a report's search vector holds; the indexer and search's fallback use it.
create function fyr_report_search(
  reference text, summary text, what_happened text, organisation_name text, discovery_how text,
  countermeasures text
) returns tsvector language sql immutable parallel safe as $$
  select to_tsvector('swedish', coalesce(reference, '') || ' ' || coalesce(summary, '') || ' '
      || coalesce(what_happened, '') || ' ' || coalesce(organisation_name, '') || ' '
      || coalesce(discovery_how, '') || ' ' || coalesce(countermeasures, ''))
    || to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(what_happened, '') || ' '
      || coalesce(discovery_how, '') || ' ' || coalesce(countermeasures, ''))
$$;

-- Existing vectors are kept; from now on the column is written by the indexer only.
alter table reports alter column search drop expression;
create index reports_search_pending_idx on reports (received_at) where search is null;
