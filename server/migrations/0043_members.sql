-- Members of constituent organisations (issue 14, features/members/): a user of kind 'member' is bound
-- to one organisation and holds exactly the role 'member'; a staff user is bound to none and never holds
-- it. The member area and the member API read only that organisation and its children
-- (members/policy.ts); a member asks for changes to it, and staff approve or reject them.

alter table users
  add constraint users_member_bound check ((kind = 'member') = (organisation_id is not null)),
  add constraint users_member_role check (
    case kind when 'member' then roles = '{member}' else not ('member' = any (roles)) end
  );
create index users_organisation_idx on users (organisation_id) where organisation_id is not null;

-- n6's change requests: a member asks, staff decide with a note; an approved request is applied through
-- the registry (its own audit entries, as the approver), and this row keeps who asked and who decided.
create table change_requests (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  requested_by uuid not null references users (id),
  kind text not null check (kind in (
    'add_network', 'remove_network', 'add_domain', 'remove_domain', 'add_asn', 'remove_asn',
    'add_contact', 'update_contact', 'remove_contact', 'change_key'
  )),
  -- What the change is, as the contract's ChangeRequestPayload for the kind (checked on the way in).
  payload jsonb not null,
  -- Why the member asks (free text, may be empty).
  reason text not null default '',
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references users (id),
  note text not null default '',
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  check ((status = 'pending') = (decided_at is null)),
  check ((status = 'pending') = (decided_by is null))
);
create index change_requests_org_idx on change_requests (organisation_id, created_at desc, id desc);
create index change_requests_status_idx on change_requests (status, created_at desc, id desc);
