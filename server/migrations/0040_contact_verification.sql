-- The contacts' yearly confirmation (features/constituency/verify-contacts.ts): a one-time link mailed to
-- each contact not confirmed for a year. Only the token's SHA-256 is kept; a confirmed or newer link
-- retires the older ones.
create table contact_verifications (
  token_hash text primary key,
  contact_id uuid not null references organisation_contacts (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index contact_verifications_contact_idx on contact_verifications (contact_id);
create index organisation_contacts_verified_idx on organisation_contacts (last_verified_at nulls first, id);
