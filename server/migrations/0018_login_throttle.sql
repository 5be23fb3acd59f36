-- Sign-in back-off per (e-mail as typed, client address) instead of per e-mail: wrong passwords
-- from one client lock out that client, not the account for everyone (a duty officer must not be
-- kept out by someone else's guesses). Kept in the database so every process sees the same state.
-- The e-mail is keyed whether or not an account exists, so the back-off reveals nothing.

drop table login_failures;

create table login_throttle (
  email text not null,
  client text not null,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz,
  primary key (email, client)
);
