-- Advisories (issue 16, features/advisories/): vulnerability advisories, flash alerts (blixtmeddelanden)
-- and the weekly letter (veckobrev), written in Swedish (the original) and translated into English,
-- reviewed by a second person (four eyes) and published to the web, feeds and the CSAF provider.

create table advisories (
  id uuid primary key default gen_random_uuid(),
  -- FYR-SA-2026-0001 (advisory), FYR-FL-… (flash), FYR-VB-… (weekly): the CSAF /document/tracking/id.
  tracking_id text not null unique,
  kind text not null check (kind in ('advisory', 'flash', 'weekly')),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'approved', 'scheduled', 'published')),
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  -- What the languages share: CVE ids, products [{vendor, product, versions?}], exploitation status, links.
  cves text[] not null default '{}',
  products jsonb not null default '[]',
  exploitation text not null default 'unknown' check (exploitation in ('unknown', 'none', 'poc', 'active')),
  reference_urls text[] not null default '{}',
  author_id uuid not null references users (id),
  -- Who approved the version now in review or published; never the author (checked in approve-advisory.ts).
  approved_by uuid references users (id),
  -- Moves on with every saved change; advisory_versions keeps each one for the diff.
  version integer not null default 1,
  -- The CSAF revision published last (0: never published); a revision under way publishes revision + 1.
  revision integer not null default 0,
  -- The version published last: approval needs a publisher who saved none of the versions after it.
  published_version integer not null default 0,
  revision_summary text,
  publish_at timestamptz,
  initial_release_at timestamptz,
  current_release_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'scheduled') = (publish_at is not null))
);
create index advisories_list_idx on advisories (updated_at desc, id desc);
create index advisories_due_idx on advisories (publish_at) where status = 'scheduled';

-- The text in each language. `text_version` moves on with each save of that language; an English row
-- records the Swedish text_version it translates (`source_version`): behind it, the translation lags.
create table advisory_texts (
  advisory_id uuid not null references advisories (id) on delete cascade,
  language text not null check (language in ('sv', 'en')),
  title text not null,
  summary text not null,
  body text not null,
  measures text not null default '',
  -- The weekly letter's items [{ title, text, source, date }] (summary is its intro, body its closing).
  items jsonb not null default '[]',
  text_version integer not null default 1,
  source_version integer,
  updated_by uuid not null references users (id),
  updated_at timestamptz not null default now(),
  primary key (advisory_id, language)
);

-- Every saved version of the whole advisory (shared fields and both languages), for the diff.
create table advisory_versions (
  advisory_id uuid not null references advisories (id) on delete cascade,
  version integer not null,
  content jsonb not null,
  saved_by uuid not null references users (id),
  saved_at timestamptz not null,
  primary key (advisory_id, version)
);

create table advisory_comments (
  id uuid primary key default gen_random_uuid(),
  advisory_id uuid not null references advisories (id) on delete cascade,
  author_id uuid not null references users (id),
  version integer not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index advisory_comments_idx on advisory_comments (advisory_id, created_at);

-- CSAF revision history (/document/tracking/revision_history): one row per published revision.
create table advisory_revisions (
  advisory_id uuid not null references advisories (id) on delete cascade,
  number integer not null,
  summary text not null,
  published_at timestamptz not null,
  published_by uuid not null references users (id),
  primary key (advisory_id, number)
);

-- What the public reads: the published text per language (the web pages and feeds render from here, so
-- a revision being drafted never shows), and its CSAF document exactly as signed, with hashes and the
-- detached signature. `folder` is the TLP folder (clear, green, amber, red); `path` is folder/year/file.
create table advisory_publications (
  advisory_id uuid not null references advisories (id) on delete cascade,
  language text not null check (language in ('sv', 'en')),
  tracking_id text not null,
  kind text not null,
  tlp text not null,
  revision integer not null,
  content jsonb not null,
  folder text not null check (folder in ('clear', 'green', 'amber', 'red')),
  path text not null unique,
  csaf text not null,
  sha256 text not null,
  sha512 text not null,
  signature text,
  initial_release_at timestamptz not null,
  current_release_at timestamptz not null,
  primary key (advisory_id, language)
);
create index advisory_publications_list_idx on advisory_publications (language, initial_release_at desc, tracking_id);
create index advisory_publications_folder_idx on advisory_publications (folder, current_release_at desc);
