-- E-mail lists (issue 16, features/mailing-lists/): the advisories, flash alerts and weekly letter go to
-- subscribers; forums (issue 17) will add lists of their own. Lists are data: a new one is a row.

-- A list. `public`: offered on the public subscription form (a forum's list is not). `priority` orders
-- campaigns waiting for the send budget (lower first; the jobs.priority scale): flash alerts jump the queue.
create table mailing_lists (
  id text primary key check (id ~ '^[a-z][a-z0-9-]{0,39}$'),
  name_sv text not null,
  name_en text not null,
  description_sv text not null default '',
  description_en text not null default '',
  public boolean not null default true,
  priority smallint not null default 100,
  sort smallint not null default 100,
  created_at timestamptz not null default now()
);
insert into mailing_lists (id, name_sv, name_en, description_sv, description_en, priority, sort) values
  ('advisories', 'Sårbarhetsmeddelanden', 'Vulnerability advisories',
   'Råd om sårbarheter som utnyttjas och vad ni bör göra.', 'Advice on exploited vulnerabilities and what to do.', 100, 1),
  ('flash', 'Blixtmeddelanden', 'Flash alerts',
   'Varningar om akuta hot, så fort vi vet.', 'Warnings of acute threats, as soon as we know.', 10, 2),
  ('weekly', 'Veckobrev', 'Weekly letter',
   'Veckans viktigaste händelser inom it-säkerhet.', 'The week''s most important IT security news.', 100, 3);

-- A confirmed address (double opt-in: the row exists only once its owner confirmed by POST, or chose
-- lists on the preference page a list mail linked to). E-mail lower-cased, one row per address.
create table list_subscribers (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email)),
  language text not null check (language in ('sv', 'en')),
  confirmed_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table list_memberships (
  list_id text not null references mailing_lists (id),
  subscriber_id uuid not null references list_subscribers (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (list_id, subscriber_id)
);
create index list_memberships_subscriber_idx on list_memberships (subscriber_id);

-- An organisation's contacts (of these roles) on a list: verified registry contacts, so no opt-in mail;
-- resolved through the constituency service when a campaign is made, so a contact added later is included.
create table list_organisations (
  list_id text not null references mailing_lists (id),
  organisation_id uuid not null references organisations (id) on delete cascade,
  roles text[] not null check (cardinality(roles) > 0),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (list_id, organisation_id)
);
create index list_organisations_organisation_idx on list_organisations (organisation_id);

-- "Not this list, whoever subscribed me": an unsubscribe writes one, so an organisation's contact who
-- unsubscribed stays off although the organisation stays subscribed. Confirming the list again removes it.
create table list_opt_outs (
  list_id text not null references mailing_lists (id),
  email text not null check (email = lower(email)),
  created_at timestamptz not null default now(),
  primary key (list_id, email)
);

-- Links in mail, stored as SHA-256 only. `confirm`: the opt-in link (the lists asked for, one use,
-- 72 hours: an unconfirmed request expires with it). `manage`: the unsubscribe / preference link in a
-- list mail (one per delivery; `list_id` is the list that mail came from) or after confirming.
create table list_tokens (
  token_hash text primary key,
  purpose text not null check (purpose in ('confirm', 'manage')),
  email text not null check (email = lower(email)),
  language text not null check (language in ('sv', 'en')),
  list_id text references mailing_lists (id),
  lists text[] not null default '{}',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index list_tokens_expiry_idx on list_tokens (expires_at);

-- One mail to a list (an advisory's publication, a flash alert, a weekly letter). `messages` holds the
-- subject and text per language; `sign`: to be signed with the CERT key (when one is configured) before the
-- first mail is released, `signed` once it is. `dispatch_job` is the one dispatcher
-- chain allowed to release it: a chain started twice (a job run again after a crash) ends itself.
create table list_campaigns (
  id uuid primary key,
  list_id text not null references mailing_lists (id),
  source_ref text,
  messages jsonb not null,
  sign boolean not null default true,
  signed boolean not null default false,
  status text not null default 'sending' check (status in ('sending', 'paused', 'done')),
  priority smallint not null,
  send_after timestamptz not null,
  recipients integer not null default 0,
  dispatch_job bigint,
  created_by text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index list_campaigns_list_idx on list_campaigns (list_id, created_at desc, id desc);
create index list_campaigns_created_idx on list_campaigns (created_at desc, id desc);
create index list_campaigns_sending_idx on list_campaigns (priority, created_at) where status = 'sending';

-- One row per (campaign, address): the key that makes a recipient receive a campaign once. `pending`
-- until released (within the send budget) into the outbox as `mail_id`; delivery is then the outbox's.
create table list_deliveries (
  campaign_id uuid not null references list_campaigns (id) on delete cascade,
  email text not null,
  language text not null check (language in ('sv', 'en')),
  status text not null default 'pending' check (status in ('pending', 'released')),
  mail_id uuid,
  released_at timestamptz,
  primary key (campaign_id, email)
);
create index list_deliveries_pending_idx on list_deliveries (campaign_id, email) where status = 'pending';
-- The send budget counts what was released in the last minute.
create index list_deliveries_released_idx on list_deliveries (released_at) where released_at is not null;
