-- The console's event list at scale (issue 15): N events over two months in feed_events as migrations
-- 0046, 0047 and 0052 shape it, then the list's queries (read-store.ts selectEventPage) timed with
-- EXPLAIN ANALYZE. Run on a scratch database:  psql -v n=2000000 -f bench/feed-event-list.sql
\set ON_ERROR_STOP 1
drop table if exists feed_events cascade;
create table feed_events (
  id uuid not null default gen_random_uuid(), time_source timestamptz not null, run_id uuid not null,
  source_id uuid not null, line integer, classification_taxonomy text not null, classification_type text not null,
  classification_identifier text, source_ip inet, source_network cidr, source_port integer, source_asn bigint,
  source_fqdn text, destination_ip inet, organisation_id uuid, matched_by text, fields jsonb not null,
  extra jsonb not null default '{}', primary key (time_source, id)
) partition by range (time_source);
create table feed_events_y2026m10 partition of feed_events for values from ('2026-10-01Z') to ('2026-11-01Z');
create table feed_events_y2026m11 partition of feed_events for values from ('2026-11-01Z') to ('2026-12-01Z');
create table feed_events_default partition of feed_events default;
-- 1,000 organisations, 20 % unmatched, 10 sources, 8 types.
insert into feed_events (time_source, run_id, source_id, classification_taxonomy, classification_type, source_ip,
  source_port, organisation_id, fields)
select timestamptz '2026-10-01Z' + (i * (61 * 86400.0 / :n)) * interval '1 second',
  '00000000-0000-4000-8000-000000000001',
  ('00000000-0000-4000-8000-0000000000' || lpad((i % 10)::text, 2, '0'))::uuid,
  'vulnerable', (array['vulnerable-system','infected-system','brute-force','scanner','ddos-amplifier','open-service','malware-distribution','phishing'])[1 + i % 8],
  ('10.' || (i % 250) || '.' || ((i / 250) % 250) || '.' || (i % 200))::inet, 3389,
  case when i % 5 = 0 then null else ('00000000-0000-4000-9000-' || lpad((i % 1000)::text, 12, '0'))::uuid end,
  jsonb_build_object('time.source', 'x', 'source.ip', '10.0.0.1', 'classification.type', 'scanner', 'feed.name', 'scan_rdp')
from generate_series(1, :n) as i;
create index feed_events_org_idx on feed_events (organisation_id, time_source desc);
create index feed_events_time_idx on feed_events (time_source desc, id desc);
create index feed_events_source_time_idx on feed_events (source_id, time_source desc, id desc);
create index feed_events_source_ip_idx on feed_events (source_ip);
analyze feed_events;
\timing on
-- The first page, newest first.
explain (analyze, buffers, costs off) select id, time_source, fields from feed_events e
  order by time_source desc, id desc limit 51;
-- One organisation (the organisation page, a member).
explain (analyze, buffers, costs off) select id, time_source, fields from feed_events e
  where organisation_id = '00000000-0000-4000-9000-000000000007' order by time_source desc, id desc limit 51;
-- Unmatched, within a month.
explain (analyze, buffers, costs off) select id, time_source, fields from feed_events e
  where organisation_id is null and time_source >= '2026-10-05Z' and time_source < '2026-10-20Z'
  order by time_source desc, id desc limit 51;
-- One feed, a later page (keyset).
explain (analyze, buffers, costs off) select id, time_source, fields from feed_events e
  where source_id = '00000000-0000-4000-8000-000000000003'
    and (time_source, id) < ('2026-11-15Z', '00000000-0000-4000-8000-000000000000')
  order by time_source desc, id desc limit 51;
-- A type in a window (no index of its own: the time index, filtered).
explain (analyze, buffers, costs off) select id, time_source, fields from feed_events e
  where classification_type = 'phishing' and time_source < '2026-11-10Z'
  order by time_source desc, id desc limit 51;
