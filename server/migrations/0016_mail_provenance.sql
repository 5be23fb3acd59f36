-- Where inbound mail came from and what it proves (issues 11 and 19): a message is the same message
-- only when its Message-ID AND its content match (a forged Message-ID must not suppress a report); what
-- the receiving MTA's Authentication-Results said (SPF/DKIM/DMARC, only from a trusted authserv-id);
-- a reply keeps its raw message, headers and real sender like a first message; and a copy of a message
-- already taken in keeps its raw message referenced (mail_arrivals), so the orphan sweep never removes it.

-- Content hash: SHA-256 of the body and the identifying header fields (not the trace fields a relay adds).
alter table reports drop constraint reports_mail_message_id_key;
alter table reports add column mail_content_sha256 text check (mail_content_sha256 ~ '^[0-9a-f]{64}$');
-- A channel that gives no content hash (null) keeps the old rule: one report per Message-ID.
create unique index reports_mail_message_id_content_key on reports (mail_message_id, coalesce(mail_content_sha256, ''));
-- {authservId, spf, dkim, dmarc}: the verdict of a trusted receiving MTA, or null when none was found.
alter table reports add column mail_auth jsonb;
-- A Message-ID an earlier, different message already carried (forged or broken): shown to duty.
alter table reports add column mail_message_id_reused boolean not null default false;
-- The reference a mail claimed to answer (in its subject) without a reply token or a matching sender.
alter table reports add column mail_unverified_reference text;

alter table report_messages
  add column from_address text,
  add column mail_headers jsonb,
  add column raw_sha256 text check (raw_sha256 ~ '^[0-9a-f]{64}$'),
  add column raw_size bigint,
  add column mail_content_sha256 text,
  add column mail_auth jsonb,
  -- How the reply was tied to this report: our reply token (Message-ID answered) or the reporter's address.
  add column mail_verified_by text check (mail_verified_by in ('token', 'sender'));
create index report_messages_raw_sha256_idx on report_messages (raw_sha256) where raw_sha256 is not null;

alter table incident_messages
  add column mail_headers jsonb,
  add column mail_content_sha256 text,
  add column mail_auth jsonb,
  add column mail_verified_by text check (mail_verified_by in ('token', 'sender'));

-- Every inbound message that arrived, duplicates included: the one place intake asks "taken before?"
-- (Message-ID and content hash), and the reference that keeps a copy's raw bytes from the orphan sweep.
create table mail_arrivals (
  id uuid primary key default gen_random_uuid(),
  message_id text not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  raw_sha256 text not null check (raw_sha256 ~ '^[0-9a-f]{64}$'),
  raw_size bigint not null check (raw_size >= 0),
  source text not null check (source in ('import', 'smtp', 'imap')),
  outcome text not null check (outcome in ('created', 'threaded', 'incident', 'duplicate')),
  -- The report or incident it went into (a duplicate: the one that already had it).
  reference text,
  report_id uuid references reports (id) on delete set null,
  received_at timestamptz not null
);
create index mail_arrivals_message_id_idx on mail_arrivals (message_id);
create index mail_arrivals_raw_sha256_idx on mail_arrivals (raw_sha256);
create index mail_arrivals_report_idx on mail_arrivals (report_id, received_at) where report_id is not null;
