-- One-time links that let a person choose their own password: an admin's invitation of a new staff
-- user, or a password-reset link an admin sends. The admin never types or passes on a password.
-- Only the token's SHA-256 is stored (it is 32 random bytes, so a slow hash adds nothing); a link is
-- used once (used_at), expires, and a newer link for the same user revokes the older ones.

create table account_links (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('invite', 'reset')),
  token_hash text not null unique,
  -- A reset after a suspected compromise also revokes the user's API tokens when the link is used.
  revoke_tokens boolean not null default false,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index account_links_user_idx on account_links (user_id);
