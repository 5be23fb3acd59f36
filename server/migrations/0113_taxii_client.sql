-- TAXII 2.1 client (issue 17, features/exchange/taxii): partner collections Fyr pulls on a schedule.
-- collection_url is the collection's URL (…/{api-root}/collections/{id}/); the secret (an API token or
-- a Basic password) is sealed by the secret box under context "taxii-subscription:<id>". added_after is
-- the cursor: the X-TAXII-Date-Added-Last of the last page taken, as the server wrote it.
create table taxii_subscriptions (
  id uuid primary key,
  title text not null check (length(title) between 1 and 200),
  collection_url text not null check (length(collection_url) between 1 and 2000),
  auth_kind text not null check (auth_kind in ('bearer', 'basic')),
  username text,
  secret_sealed text not null,
  organisation_id uuid references organisations (id) on delete set null,
  interval_seconds integer not null check (interval_seconds between 60 and 604800),
  enabled boolean not null default true,
  added_after text,
  next_pull_at timestamptz not null,
  last_pulled_at timestamptz,
  last_error text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null
);
create index taxii_subscriptions_due_idx on taxii_subscriptions (next_pull_at) where enabled;

-- Every object version received, as received (the material), once.
create table taxii_received_objects (
  subscription_id uuid not null references taxii_subscriptions (id) on delete cascade,
  object_id text not null,
  version text not null,
  type text not null,
  date_added timestamptz,
  body jsonb not null,
  received_at timestamptz not null,
  primary key (subscription_id, object_id, version)
);

-- The values the received SCOs and indicator patterns name (the observables of what came in), each
-- value once per subscription, with when first and last received.
create table taxii_received_values (
  subscription_id uuid not null references taxii_subscriptions (id) on delete cascade,
  type text not null,
  value text not null,
  object_id text not null,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  primary key (subscription_id, type, value)
);
create index taxii_received_values_value_idx on taxii_received_values (type, value);
