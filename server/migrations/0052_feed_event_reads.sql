-- Reading events (issue 15): the staff list per feed, and sightings for correlation (an incident's related
-- panel asks which feeds saw its addresses, domains and URLs; addresses have feed_events_source_ip_idx).
-- Partial where the field is often absent, so events without it cost the import nothing here.
create index feed_events_source_time_idx on feed_events (source_id, time_source desc, id desc);
create index feed_events_source_fqdn_idx on feed_events (source_fqdn, time_source desc) where source_fqdn is not null;
create index feed_events_source_url_idx on feed_events ((fields ->> 'source.url'), time_source desc)
  where fields ? 'source.url';
