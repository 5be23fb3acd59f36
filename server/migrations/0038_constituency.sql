-- The constituency registry (issue 14, features/constituency/): every organisation the CERT serves, what
-- it owns on the Internet (networks, AS numbers, domains, URL prefixes), who to reach there, and what it
-- must not be told about. Feeds, vulnerability notices, coordination and sharing all ask it who owns a
-- value (matchOwners), so the holdings are stored in the form that question needs.
--
-- Automatic and manual records (as IntelMQ's certbund-contact): a row an import wrote carries
-- origin 'automatic', its source ('ripe', 'csv') and the registry's own key for it (a RIPE handle or
-- range), so the next import of that source finds it again. A staff edit of an automatic row sets
-- edited_at; from then on imports leave the row alone (and the diff says so). An import never deletes
-- a manual row.

create table organisations (
  id uuid primary key default gen_random_uuid(),
  -- A parent holds children (a municipality and its companies); a member of the parent sees both.
  parent_id uuid references organisations (id),
  name text not null check (length(name) between 1 and 300),
  org_number text,
  -- NIS2 sector from ../shared/data/taxonomies (nis2.machinetag.json), or 'other'.
  sector text,
  nis2_entity text check (nis2_entity in ('essential', 'important')),
  language text not null default 'sv' check (language in ('sv', 'en')),
  tags text[] not null default '{}',
  notes text not null default '',
  notification_interval text not null default 'daily'
    check (notification_interval in ('immediate', 'hourly', 'daily', 'weekly')),
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  -- Bumped by every change; a PATCH may name the version it read (409 when stale).
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (id <> parent_id),
  check ((origin = 'automatic') = (source is not null and source_key is not null))
);
create unique index organisations_source_key_idx on organisations (source, source_key) where source is not null;
create index organisations_parent_idx on organisations (parent_id) where parent_id is not null;
create index organisations_name_idx on organisations (lower(name));

-- A network as an inclusive address range, so any range works ('a - b' from RIPE inetnum as well as a
-- CIDR). `label` is how it was given and is shown: the CIDR when the range is exactly one, else 'a - b'.
create table organisation_networks (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  first_address inet not null,
  last_address inet not null,
  label text not null,
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  check (family(first_address) = family(last_address)),
  check (first_address <= last_address),
  check (masklen(first_address) = case family(first_address) when 4 then 32 else 128 end),
  check (masklen(last_address) = case family(last_address) when 4 then 32 else 128 end)
);
create index organisation_networks_range_idx on organisation_networks (first_address, last_address);
create index organisation_networks_org_idx on organisation_networks (organisation_id);
create unique index organisation_networks_source_key_idx
  on organisation_networks (source, source_key) where source is not null;

create table organisation_asns (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  asn bigint not null check (asn between 0 and 4294967295),
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  unique (organisation_id, asn)
);
create index organisation_asns_asn_idx on organisation_asns (asn);

-- A domain covers its subdomains. Stored lower-case in its ASCII (punycode) form, without a trailing dot.
create table organisation_domains (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  domain text not null check (domain = lower(domain) and length(domain) between 1 and 253),
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  unique (organisation_id, domain)
);
create index organisation_domains_domain_idx on organisation_domains (domain);

-- A URL prefix ('https://example.se/customers/'): a URL starting with it belongs to the organisation,
-- more specifically than its host's domain would say (a hosting provider's customer path).
create table organisation_url_prefixes (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  prefix text not null check (length(prefix) between 1 and 2000),
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  unique (organisation_id, prefix)
);

create table organisation_contacts (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  email text not null check (email = lower(email)),
  name text,
  phone text,
  role text not null check (role in ('abuse', 'security', 'management', 'technical', '24x7')),
  language text not null default 'sv' check (language in ('sv', 'en')),
  pgp_key text,
  pgp_fingerprint text,
  pgp_expires_at timestamptz,
  -- The yearly verification: when the contact last confirmed (one click), and when we last asked.
  last_verified_at timestamptz,
  verification_sent_at timestamptz,
  origin text not null default 'manual' check (origin in ('manual', 'automatic')),
  source text,
  source_key text,
  imported_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organisation_id, email, role)
);
create index organisation_contacts_email_idx on organisation_contacts (email);

-- "Do not notify" (certbund-contact's inhibitions): an organisation, or one of its networks, is not
-- told about events of the given classification types (RSIT type, or '*' for all), until an expiry.
create table constituency_inhibitions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  network_id uuid references organisation_networks (id) on delete cascade,
  classification_types text[] not null check (cardinality(classification_types) > 0),
  reason text not null default '',
  expires_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index constituency_inhibitions_org_idx on constituency_inhibitions (organisation_id);

alter table users
  add constraint users_organisation_fk foreign key (organisation_id) references organisations (id);
