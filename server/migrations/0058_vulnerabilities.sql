-- Vulnerability monitoring (issue 16, features/vulnerabilities/): what the CERT knows about each CVE from
-- three sources, kept apart because each arrives on its own (a KEV entry may come before the CVE record
-- is imported, EPSS scores every published CVE daily), and joined on read by the CVE id.

-- CVE JSON 5 records (cvelistV5): the parts a vulnerability page shows. CVSS metrics of every version
-- from the CNA and ADP containers are kept as a list; cvss_score is the one a list sorts and filters on
-- (the newest CVSS version present, the CNA's before an ADP's).
create table vulnerabilities (
  cve text primary key check (cve ~ '^CVE-[0-9]{4}-[0-9]{4,19}$'),
  state text not null check (state in ('PUBLISHED', 'REJECTED')),
  title text,
  description text,
  cvss jsonb not null default '[]',
  cvss_score numeric(3, 1),
  affected jsonb not null default '[]',
  reference_urls jsonb not null default '[]',
  published_at timestamptz,
  source_updated_at timestamptz,
  imported_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index vulnerabilities_score_idx on vulnerabilities (cvss_score desc, cve desc) where cvss_score is not null;

-- CISA's Known Exploited Vulnerabilities catalogue. `record` is the entry as CISA wrote it, unknown
-- fields included (the published schema lags the data: forensicTriage, cwes came before the schema).
-- first_seen_at is when Fyr first read the entry: a notice goes out for entries new to Fyr.
create table kev_entries (
  cve text primary key check (cve ~ '^CVE-[0-9]{4}-[0-9]{4,19}$'),
  vendor_project text not null,
  product text not null,
  vulnerability_name text not null,
  date_added date not null,
  short_description text not null,
  required_action text not null,
  due_date date not null,
  known_ransomware_campaign_use text,
  notes text,
  cwes text[] not null default '{}',
  record jsonb not null,
  first_seen_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index kev_entries_added_idx on kev_entries (date_added desc, cve desc);

-- FIRST EPSS, one row per CVE: the newest day's score, and the day before it was replaced (a jump is
-- score − previous_score). A file of an older day than the stored one changes nothing.
create table epss_scores (
  cve text primary key check (cve ~ '^CVE-[0-9]{4}-[0-9]{4,19}$'),
  score real not null check (score between 0 and 1),
  percentile real not null check (percentile between 0 and 1),
  score_date date not null,
  model_version text,
  previous_score real,
  previous_date date,
  updated_at timestamptz not null default now()
);
create index epss_scores_score_idx on epss_scores (score desc, cve desc);
create index epss_scores_date_idx on epss_scores (score_date);

-- Products named by the imported data (CVE records' affected, KEV's vendor/product): what the
-- organisations' product picker offers. Keys are the names folded (lower case, runs of other characters
-- as one "_"), as CPE 2.3 spells vendor and product, so "Palo Alto Networks" and palo_alto_networks meet.
create table known_products (
  vendor_key text not null,
  product_key text not null,
  vendor text not null,
  product text not null,
  cpe text,
  primary key (vendor_key, product_key)
);
create index known_products_product_idx on known_products (product_key);

-- What an organisation declares it runs (vendor/product, or a CPE 2.3 name). A new KEV entry naming a
-- product an organisation runs sends its security contact a notice, once (product_notices).
create table organisation_products (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  vendor text not null check (length(vendor) between 1 and 200),
  product text not null check (length(product) between 1 and 200),
  cpe text check (length(cpe) <= 500),
  vendor_key text not null,
  product_key text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (organisation_id, vendor_key, product_key)
);
create index organisation_products_key_idx on organisation_products (vendor_key, product_key);

create table product_notices (
  organisation_id uuid not null references organisations (id) on delete cascade,
  cve text not null,
  mail_id uuid,
  sent_at timestamptz not null default now(),
  primary key (organisation_id, cve)
);

-- Scheduled pulls of the configured URLs (FYR_KEV_URL, FYR_EPSS_URL): the validators the last answer
-- gave (a 304 costs nothing), when it ran and what went wrong. claimed_until keeps two worker processes
-- from pulling the same source at once.
create table vulnerability_pulls (
  kind text primary key check (kind in ('kev', 'epss')),
  url text not null,
  etag text,
  last_modified text,
  last_fetch_at timestamptz,
  last_success_at timestamptz,
  last_status integer,
  last_error text,
  claimed_until timestamptz
);

-- OSINT: RSS 2.0 / Atom feeds of vendors and other CERTs, polled by the worker.
create table osint_sources (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  url text not null unique check (url ~ '^https?://'),
  enabled boolean not null default true,
  etag text,
  last_modified text,
  last_fetch_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  items_total integer not null default 0,
  claimed_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One news item. Deduplicated per source twice: by the feed's own id (GUID, Atom id, else the link) and
-- by a hash of its content, since some feeds hand out a fresh GUID for the same item on every fetch.
-- used_for: what an analyst turned it into (an advisory draft, a weekly-letter item), for that feature.
create table osint_items (
  id uuid primary key default gen_random_uuid(),
  source_id uuid not null references osint_sources (id) on delete cascade,
  guid text not null,
  content_hash text not null,
  title text not null,
  link text,
  summary text not null default '',
  published_at timestamptz,
  fetched_at timestamptz not null default now(),
  status text not null default 'new' check (status in ('new', 'read', 'dismissed')),
  used_for text check (used_for in ('advisory-draft', 'weekly-letter')),
  used_at timestamptz,
  used_by uuid references users (id),
  unique (source_id, guid),
  unique (source_id, content_hash)
);
create index osint_items_inbox_idx on osint_items (fetched_at desc, id);
