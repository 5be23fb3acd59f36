-- Coordination cases (issue 17, features/coordination/): several organisations on one case, the CERT
-- coordinating. Who sees what is decided in features/coordination/policy.ts, never by these tables alone.

-- A case: from an incident or on its own. `tlp` is the floor of every post's TLP. `embargo_until`: when
-- the parties may speak publicly; `embargo_reminded_at`: the reminder before it has gone out.
create table coordination_cases (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  title text not null,
  summary text not null default '',
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  status text not null default 'open' check (status in ('open', 'closed')),
  incident_id uuid references incidents (id),
  embargo_until timestamptz,
  embargo_reminded_at timestamptz,
  coordinator_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index coordination_cases_incident_idx on coordination_cases (incident_id) where incident_id is not null;
create index coordination_cases_embargo_idx on coordination_cases (embargo_until)
  where embargo_until is not null and embargo_reminded_at is null;

-- An organisation of the registry on a case, with its role, its notification, its members' first view,
-- and its status (VINCE's per-vendor status). `sees_participants`: the coordinator lets it see who else
-- takes part (names and roles, never their statuses).
create table coordination_participants (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references coordination_cases (id) on delete cascade,
  organisation_id uuid not null references organisations (id),
  role text not null check (role in ('affected', 'vendor', 'service-provider', 'other-cert', 'authority', 'reporter')),
  status text not null default 'notified'
    check (status in ('notified', 'acknowledged', 'affected', 'not-affected', 'mitigated', 'fixed')),
  statement text not null default '',
  sees_participants boolean not null default false,
  notified_at timestamptz,
  notified_addresses text[] not null default '{}',
  first_viewed_at timestamptz,
  first_viewed_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (case_id, organisation_id)
);
create index coordination_participants_organisation_idx on coordination_participants (organisation_id);

-- Every status a participant has had, with who set it (a member, the coordinator, a mailed reply).
create table coordination_status_history (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references coordination_participants (id) on delete cascade,
  status text not null,
  statement text not null default '',
  changed_by uuid references users (id),
  changed_via text not null check (changed_via in ('coordinator', 'member', 'mail')),
  changed_at timestamptz not null
);
create index coordination_status_history_participant_idx on coordination_status_history (participant_id, changed_at);

-- A post: to every participant (`to_all`) or to those in coordination_post_recipients. A reply
-- (`thread_id`, the first post of its thread) from a participant goes to the coordinator alone.
create table coordination_posts (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references coordination_cases (id) on delete cascade,
  thread_id uuid references coordination_posts (id),
  author_user_id uuid references users (id),
  author_participant_id uuid references coordination_participants (id),
  author_email text,
  body text not null,
  tlp text not null check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  to_all boolean not null,
  pinned boolean not null default false,
  mail_message_id text unique,
  created_at timestamptz not null
);
create index coordination_posts_case_idx on coordination_posts (case_id, created_at);

create table coordination_post_recipients (
  post_id uuid not null references coordination_posts (id) on delete cascade,
  participant_id uuid not null references coordination_participants (id) on delete cascade,
  primary key (post_id, participant_id)
);
create index coordination_post_recipients_participant_idx on coordination_post_recipients (participant_id);

-- A file on a post (content-addressed in the blob store).
create table coordination_post_files (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references coordination_posts (id) on delete cascade,
  filename text not null,
  content_type text not null,
  sha256 text not null,
  size bigint not null,
  created_at timestamptz not null default now()
);
create index coordination_post_files_post_idx on coordination_post_files (post_id);

-- Material from a report on a post (its text, observables or files), copied when attached, with the
-- reporter's consent for that kind as it was then; who of the recipients may receive it is decided on
-- each read by the sharing decision (features/sharing), so a withheld part never reaches a participant.
create table coordination_post_material (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references coordination_posts (id) on delete cascade,
  report_reference text not null,
  kind text not null check (kind in ('text', 'observables', 'files')),
  -- The report's TLP: the material is never shared more widely than it, whatever the post's.
  report_tlp text not null check (report_tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),
  -- The report's answers to question 8 as they were: { information, data, logs }, each a level or null.
  consent jsonb not null,
  content jsonb not null
);
create index coordination_post_material_post_idx on coordination_post_material (post_id);

-- The mails sent about a case (the reply token: our outbox id in a reply's In-Reply-To/References),
-- with the participant and thread a reply from that mail belongs to.
create table coordination_mail (
  outbox_id uuid primary key,
  case_id uuid not null references coordination_cases (id) on delete cascade,
  participant_id uuid not null references coordination_participants (id) on delete cascade,
  thread_id uuid references coordination_posts (id),
  email text not null,
  created_at timestamptz not null default now()
);
