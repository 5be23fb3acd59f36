-- Constituency imports (issue 14, features/constituency/import/): every RIPE or CSV import is read into
-- a staging table first, diffed there against the automatic records of the same source and scope, and
-- kept as a preview (counts, a sample of each change, the errors by line) until it is applied — at once
-- by `fyr constituency import`, or after a look at the upload screen. The diff is computed and applied
-- in SQL over the staged rows, so neither the reading nor the applying holds the file in memory.

create table constituency_imports (
  id uuid primary key,
  format text not null check (format in ('ripe', 'csv')),
  source text not null,
  -- { countries?: ["SE"], orgs?: ["ORG-A-RIPE"] }: what the import covers; removal never goes past it.
  filters jsonb not null default '{}',
  file_names text[] not null default '{}',
  -- reading while the files are staged; preview once the diff is stored; applied; failed (error says why).
  status text not null check (status in ('reading', 'preview', 'applied', 'failed')),
  skip_invalid boolean not null default false,
  objects_read bigint not null default 0,
  -- { organisations: { added, changed, removed, kept }, networks: …, asns: …, domains: …, contacts: … }
  counts jsonb not null default '{}',
  -- The first few of each change per kind, for the preview: { networks: { added: [..], … }, … }
  diff jsonb not null default '{}',
  -- The first errors, by file and line: [{ file, line, message }]; error_count counts all of them.
  errors jsonb not null default '[]',
  error_count integer not null default 0,
  error text,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  applied_by uuid references users (id),
  applied_at timestamptz
);
create index constituency_imports_created_idx on constituency_imports (created_at desc);

-- The rows an import read, until it is applied (or a day after its preview). Unlogged: written a
-- million rows at a time and worth nothing after a crash (the import is read again).
create unlogged table constituency_import_rows (
  import_id uuid not null,
  kind text not null check (kind in ('organisation', 'network', 'asn', 'domain', 'contact')),
  source_key text not null,
  org_key text not null,
  file_index integer not null default 0,
  line integer not null default 0,
  name text,
  org_number text,
  language text,
  country text,
  first_address inet,
  last_address inet,
  label text,
  asn bigint,
  domain text,
  email text,
  phone text,
  role text
);
create index constituency_import_rows_key_idx on constituency_import_rows (import_id, kind, source_key);
