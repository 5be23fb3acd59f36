-- Feed sources that fetch their own files (issue 15): a mailbox (an IMAP folder, or the inbound SMTP
-- listener by recipient address), a URL pulled on a schedule (ETag / If-Modified-Since), or
-- Shadowserver's Reports API. `fetch_config` holds what is not secret (URL, address, report filters);
-- `fetch_secret` the password or API key and secret, sealed (platform/auth/secret-box.ts).
alter table feed_sources add column fetch_kind text check (fetch_kind in ('imap', 'mail', 'url', 'shadowserver-api'));
alter table feed_sources add column fetch_config jsonb not null default '{}';
alter table feed_sources add column fetch_secret text;
alter table feed_sources add column fetch_every_minutes integer check (fetch_every_minutes between 1 and 10080);
alter table feed_sources add column last_fetch_at timestamptz;
alter table feed_sources add column last_fetch_error text;
-- What the URL last answered, sent back as If-None-Match / If-Modified-Since.
alter table feed_sources add column http_etag text;
alter table feed_sources add column http_last_modified text;
-- A mailbox source's address is found by the SMTP listener: one source per address.
create unique index feed_sources_mail_address_idx on feed_sources ((lower(fetch_config ->> 'address')))
  where fetch_kind = 'mail';

-- Where a run's file came from (a mail's Message-ID and attachment, a report id of the API, a URL's
-- ETag): the same delivery twice becomes one run, so a re-delivered mail imports nothing twice.
alter table feed_runs add column origin_key text;
create unique index feed_runs_origin_idx on feed_runs (source_id, origin_key) where origin_key is not null;
-- A running run says it is alive; one that stopped saying so (a CLI killed midway) is failed by the
-- reaper, its events removed, so the source is not blocked and the file can be read again.
alter table feed_runs add column heartbeat_at timestamptz;
create index feed_runs_running_idx on feed_runs (heartbeat_at) where status = 'running';

-- The staff event list reads newest first by (time_source, id): the primary key read backwards
-- serves it, so this second index only cost every stored event a write.
drop index feed_events_time_idx;
