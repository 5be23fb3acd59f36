-- Who may do what is cached in each Fyr process (platform/auth/principal-cache.ts). Every change
-- that could narrow a caller's access announces itself on channel fyr_auth, from the database
-- itself, so no write path (console, CLI, a DBA's UPDATE) can forget to; processes LISTEN and
-- drop their cache. NOTIFY is delivered at commit and folded to one per transaction.

create function fyr_notify_auth_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('fyr_auth', '');
  return null;
end
$$;

create trigger users_auth_change after update on users for each row
  when ((old.email, old.name, old.kind, old.organisation_id, old.roles, old.language, old.totp_enabled_at,
         old.disabled_at)
        is distinct from
        (new.email, new.name, new.kind, new.organisation_id, new.roles, new.language, new.totp_enabled_at,
         new.disabled_at))
  execute function fyr_notify_auth_change();

create trigger users_auth_delete after delete on users
  for each statement execute function fyr_notify_auth_change();

-- last_used_at is written as tokens are used and changes no one's access: not announced.
create trigger api_tokens_auth_change after update on api_tokens for each row
  when ((old.user_id, old.token_hash, old.revoked_at) is distinct from (new.user_id, new.token_hash, new.revoked_at))
  execute function fyr_notify_auth_change();

create trigger api_tokens_auth_delete after delete on api_tokens
  for each statement execute function fyr_notify_auth_change();

-- Settings change rarely; security.require_totp is among them.
create trigger app_settings_auth_change after insert or update or delete on app_settings
  for each statement execute function fyr_notify_auth_change();
