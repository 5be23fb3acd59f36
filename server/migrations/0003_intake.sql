-- Incident intake: reports from the web form, the public API, e-mail and the telephone, each
-- initial question (CERT-SE's fact sheet) in its own column; the conversation with the reporter;
-- attachments (bytes in the blob store, by SHA-256); NIS2 stages.

-- Reference numbers come from one sequence per year (report_number_2026, …), created on first use
-- by the server (features/intake/reference.ts): no lock is held while a report is written.

create table reports (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  status text not null default 'new' check (status in ('new', 'acknowledged', 'linked', 'rejected')),
  channel text not null check (channel in ('web', 'api', 'phone', 'email')),
  language text not null default 'sv' check (language in ('sv', 'en')),

  reporter_name text,
  reporter_email text,
  reporter_phone text,
  reporter_role text,
  organisation_name text,
  organisation_number text,
  organisation_sector text,

  summary text,
  -- "Vad har hänt?"
  what_happened text not null,
  -- "Hur och när upptäcktes problemet?"
  discovery_how text,
  discovered_at timestamptz,
  -- "Vilka åtgärder har genomförts?"
  countermeasures text,
  -- "Är incidenten fortfarande pågående? Finns risk att data läcker / att fler påverkas?"
  ongoing text check (ongoing in ('yes', 'no', 'unknown')),
  data_leak_risk text check (data_leak_risk in ('yes', 'no', 'unknown')),
  more_affected_risk text check (more_affected_risk in ('yes', 'no', 'unknown')),
  -- "Vad vill organisationen ha hjälp med?"
  help_wanted text,
  -- "Vilka har organisationen kontaktat?"
  contacted_parties text,
  -- "Har organisationen polisanmält incidenten?"
  police_report_status text check (police_report_status in ('yes', 'no', 'planned')),
  police_report_reference text,
  -- "Kan organisationen dela information, data eller loggar?" Each value widens the last.
  sharing_information text check (sharing_information in ('none', 'affected-organisations', 'third-parties')),
  sharing_data text check (sharing_data in ('none', 'affected-organisations', 'third-parties')),
  sharing_logs text check (sharing_logs in ('none', 'affected-organisations', 'third-parties')),
  tlp text not null default 'TLP:AMBER'
    check (tlp in ('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED')),

  nis2_applies boolean,
  nis2_aware_at timestamptz,
  nis2_suspected_malicious text check (nis2_suspected_malicious in ('yes', 'no', 'unknown')),
  nis2_cross_border_impact text check (nis2_cross_border_impact in ('yes', 'no', 'unknown')),
  nis2_trust_service_provider boolean,

  -- SHA-256 (hex) of the reporter's follow-up token; the token itself is never stored.
  follow_up_token_hash text not null unique,
  received_at timestamptz not null,
  registered_by uuid references users (id),
  acknowledged_at timestamptz,
  acknowledged_by uuid references users (id),
  rejected_at timestamptz,
  rejected_by uuid references users (id),
  rejected_reason text check (rejected_reason in ('spam', 'duplicate', 'other')),
  rejected_note text,

  -- Mailed reports: the original message (blob), its Message-ID and headers, and what PGP said.
  mail_message_id text unique,
  mail_headers jsonb,
  raw_sha256 text,
  raw_size bigint,
  pgp_encrypted boolean,
  pgp_signature text check (pgp_signature in ('valid', 'invalid', 'unknown_key', 'none'))
);
-- The inbox: newest first, optionally by status.
create index reports_inbox_idx on reports (received_at desc, id desc);
create index reports_status_inbox_idx on reports (status, received_at desc, id desc);
create index reports_raw_sha256_idx on reports (raw_sha256) where raw_sha256 is not null;

-- The conversation between reporter and CERT after the report.
create table report_messages (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id) on delete cascade,
  author text not null check (author in ('reporter', 'cert')),
  author_user_id uuid references users (id),
  body text not null,
  via text not null check (via in ('web', 'email', 'console')),
  -- A mailed message's Message-ID, so the same message is never taken twice.
  mail_message_id text unique,
  nis2_stage text check (nis2_stage in ('early-warning', 'notification', 'intermediate', 'final', 'progress')),
  sent_at timestamptz not null,
  -- Insertion order, for messages sent within the same instant.
  seq bigserial not null
);
create index report_messages_report_idx on report_messages (report_id, sent_at, seq);

create table report_attachments (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id) on delete cascade,
  -- Null for files sent with the report itself; else the follow-up message they came with.
  message_id uuid references report_messages (id) on delete cascade,
  filename text not null,
  content_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  -- Order within the report or message, as the reporter sent them.
  position integer not null default 0,
  created_at timestamptz not null
);
create index report_attachments_report_idx on report_attachments (report_id, created_at, position);
create index report_attachments_sha256_idx on report_attachments (sha256);

-- NIS2 (art. 23) reports a reporter has submitted: early warning, notification, intermediate,
-- final and progress reports, with what each said about the incident at the time.
create table report_nis2_stages (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports (id) on delete cascade,
  message_id uuid references report_messages (id) on delete cascade,
  stage text not null check (stage in ('early-warning', 'notification', 'intermediate', 'final', 'progress')),
  submitted_at timestamptz not null,
  aware_at timestamptz,
  suspected_malicious text check (suspected_malicious in ('yes', 'no', 'unknown')),
  cross_border_impact text check (cross_border_impact in ('yes', 'no', 'unknown')),
  ongoing text check (ongoing in ('yes', 'no', 'unknown'))
);
create index report_nis2_stages_report_idx on report_nis2_stages (report_id, submitted_at, id);
