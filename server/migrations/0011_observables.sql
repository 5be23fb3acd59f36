-- Observables and correlation. A value is stored once (type + normalised value); a sighting says in
-- which case (report or incident) and where in it (origin) the value was seen, and when. Correlation
-- reads sightings; it never stores links, so nothing about a case a viewer may not see is ever
-- precomputed into something they can read (MISP's correlation table is what leaked and grew).

create table observables (
  id bigint generated always as identity primary key,
  type text not null
    check (type in ('ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'cve', 'asn')),
  value text not null check (length(value) between 1 and 2048),
  -- Addresses and networks also as cidr, so "an address inside a network seen elsewhere" is an index lookup.
  network cidr,
  tag text check (tag in ('malicious', 'benign', 'false-positive')),
  tagged_by uuid references users (id),
  tagged_at timestamptz,
  do_not_correlate boolean not null default false,
  version integer not null default 0,
  created_at timestamptz not null default now(),
  unique (type, value)
);
-- A btree, not GiST: the related panel asks "the networks around this address" as equalities on its
-- prefixes and "what is inside this network" as a key range (related-store.ts), both btree work.
create index observables_network_idx on observables (network) where network is not null;

-- No surrogate key: the primary key is the sighting's identity, so re-extracting a source (a job run
-- again after a crash) writes nothing twice, and its prefix (observable_id) is the correlation path:
-- "the other cases holding this value", grouped by case, read in index order and cut off early.
-- Deliberately lean, because feeds write sightings by the hundred thousand and every index and check
-- costs each of them: no foreign key (the writer takes the ids from the observables it has just upserted
-- in the same transaction, and observables are never deleted), and no index by time (a value's page
-- sorts its own sightings; the related panel never needs time order).
create table sightings (
  observable_id bigint not null,
  case_kind text not null check (case_kind in ('report', 'incident')),
  case_id uuid not null,
  origin text not null check (origin in ('report', 'report-message', 'report-attachment', 'note',
                                         'incident-message', 'incident-attachment', 'manual')),
  -- The row the value was read from (the report itself for 'report' and 'manual').
  origin_id uuid not null,
  seen_at timestamptz not null,
  created_by uuid,
  -- seen_at rides along in the index, so the correlation read (value → cases, with when) never visits
  -- the table: on 10,000,000 sightings that halved the related panel's main query.
  primary key (observable_id, case_kind, case_id, origin, origin_id) include (seen_at)
);
-- A case's values (related panel, observables tab, export).
create index sightings_case_idx on sightings (case_id, observable_id);

-- Warning lists: values that are still extracted and shown but never correlate (MISP's idea, as data).
create table warning_lists (
  id uuid primary key default gen_random_uuid(),
  -- Set on the lists Fyr ships, so an upgrade can find them; such a list cannot be deleted.
  builtin_key text unique,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  enabled boolean not null default true,
  -- Domain entries also cover URLs and e-mail addresses on those domains (our own signature, links
  -- and addresses are in every message we send; a phishing URL on a big provider is not benign).
  match_urls_and_emails boolean not null default false,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

create table warning_list_entries (
  list_id uuid not null references warning_lists (id) on delete cascade,
  position integer not null,
  -- As the admin wrote it; the parsed form below is what matching uses.
  entry text not null,
  kind text not null check (kind in ('network', 'domain', 'value')),
  network cidr,
  value_type text,
  value text,
  primary key (list_id, position),
  check ((kind = 'network') = (network is not null)),
  check ((kind = 'network') or value is not null)
);

-- What was written before this migration is read too: one extraction job per existing source, queued
-- like those a new write queues (the payload is that of observables.extract, extraction-job.ts).
insert into jobs (name, payload)
select 'observables.extract', jsonb_build_object('source', s.source, 'id', s.id)
from (
  select 'report' as source, id, received_at as at from reports
  union all select 'report-message', id, sent_at from report_messages
  union all select 'note', id, recorded_at from incident_events where kind = 'note'
  union all select 'incident-message', id, sent_at from incident_messages
  union all select 'incident-attachment', id, created_at from incident_attachments
) s
order by s.at;
