-- Forums (issue 17, features/forums/): closed communities with vetted membership, posts and meeting
-- notes under the forum's TLP bounds, a list address for mail, digests and a directory for members.

-- External members (people of other CERTs): a user of kind 'member' bound to no organisation. They
-- sign in like any member, and the route guard admits them only to routes that say so (the forums'):
-- every other /api/v1/my/… route refuses them (auth/guard.ts). A staff user is still bound to none.
alter table users drop constraint users_member_bound;
alter table users add constraint users_member_bound check (kind = 'member' or organisation_id is null);

create table forums (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  description text not null default '',
  kind text not null check (kind in ('sector', 'csirt', 'other')),
  default_tlp text not null check (default_tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  max_tlp text not null check (max_tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  -- Mail to this address from an active member is distributed to the members; null: no list.
  list_address text unique check (list_address = lower(list_address)),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per person and forum: proposed by a sponsor, decided by an admin, reconfirmed yearly. The
-- person is named by e-mail until approval binds (or creates) their account.
create table forum_members (
  id uuid primary key default gen_random_uuid(),
  forum_id uuid not null references forums (id) on delete cascade,
  email text not null check (email = lower(email)),
  user_id uuid references users (id),
  name text not null,
  -- For the directory: the organisation's name (the registry's for a constituent member) and their role.
  organisation text not null default '',
  role text not null default '',
  phone text not null default '',
  pgp_key text,
  pgp_fingerprint text,
  status text not null check (status in ('proposed', 'active', 'rejected', 'lapsed', 'removed')),
  -- A constituent organisation whose member account approval invites (staff proposals only).
  invite_organisation_id uuid references organisations (id),
  sponsor_id uuid not null references users (id),
  reason text not null default '',
  proposed_at timestamptz not null,
  decided_by uuid references users (id),
  decided_at timestamptz,
  decision_note text not null default '',
  confirmed_at timestamptz,
  reconfirm_asked_at timestamptz,
  digest boolean not null default false,
  digest_sent_at timestamptz,
  unique (forum_id, email),
  check (status <> 'active' or (user_id is not null and confirmed_at is not null))
);
create index forum_members_user_idx on forum_members (user_id, status) where user_id is not null;
create index forum_members_confirm_idx on forum_members (confirmed_at) where status = 'active';

create table forum_posts (
  id uuid primary key default gen_random_uuid(),
  forum_id uuid not null references forums (id) on delete cascade,
  kind text not null check (kind in ('post', 'note')),
  title text not null,
  body text not null,
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  -- A meeting note's meeting day.
  meeting_on date,
  author_id uuid not null references users (id),
  via text not null check (via in ('web', 'mail')),
  created_at timestamptz not null,
  distributed_at timestamptz
);
create index forum_posts_archive_idx on forum_posts (forum_id, kind, created_at desc, id desc);
create index forum_posts_recent_idx on forum_posts (created_at);

-- Mail to a list address that was not distributed: from no active member, or above the forum's TLP.
create table forum_held_mail (
  id uuid primary key default gen_random_uuid(),
  forum_id uuid not null references forums (id) on delete cascade,
  sender text not null,
  subject text not null,
  reason text not null check (reason in ('not_a_member', 'tlp_above_max', 'empty')),
  received_at timestamptz not null
);
create index forum_held_mail_idx on forum_held_mail (forum_id, received_at desc);

create table forum_introductions (
  id uuid primary key default gen_random_uuid(),
  forum_id uuid not null references forums (id) on delete cascade,
  introduced_by uuid not null references users (id),
  member_a uuid not null references forum_members (id),
  member_b uuid not null references forum_members (id),
  note text not null default '',
  created_at timestamptz not null,
  check (member_a <> member_b)
);
create index forum_introductions_idx on forum_introductions (forum_id, created_at desc);
