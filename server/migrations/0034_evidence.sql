-- Evidence (issue 13): every file a case holds, named in one place; what its content is (identified by
-- its bytes, not its name); which files are malware samples; and the chain of custody of each file.

-- Every file a case holds, whichever table recorded it: a report's attachments (sent with it or with a
-- later message), the original of a mailed report and of each mailed reply, an incident's uploads, and
-- the files and original of a third party's mail in an incident thread. Each row says how the file was
-- received and from whom, read from the row that recorded it in the transaction that stored it — so the
-- first link of the chain of custody is written exactly once, by the writer, and cannot be forgotten.
-- A later source (files of a feed run) joins with one more branch (`create or replace view`, same columns).
-- `id` is the recording row's id (a mailed report's original: the report's own id). `position` orders the
-- files that came together as they were sent (an original before its attachments).
create view case_files as
select
  a.id,
  'report-attachment'::text as kind,
  'report'::text as case_kind,
  a.report_id as case_id,
  a.message_id,
  a.filename,
  a.content_type as declared_type,
  a.sha256,
  a.size,
  a.created_at as received_at,
  coalesce(m.via, r.channel) as received_via,
  case when r.channel = 'email' and m.id is null then (
    select ma.source from mail_arrivals ma
    where ma.report_id = r.id and ma.raw_sha256 = r.raw_sha256 order by ma.received_at limit 1)
  end as mail_source,
  case when m.id is null then r.reporter_email
       when m.author = 'reporter' then coalesce(m.from_address, r.reporter_email) end as sender_address,
  case when m.id is null or m.author = 'reporter' then r.reporter_name end as sender_name,
  case when m.id is null then r.registered_by else m.author_user_id end as received_by,
  case when m.id is null then r.mail_auth else m.mail_auth end as mail_auth,
  a.position
from report_attachments a
join reports r on r.id = a.report_id
left join report_messages m on m.id = a.message_id
union all
select
  r.id, 'report-original', 'report', r.id, null, r.reference || '.eml', 'message/rfc822', r.raw_sha256,
  coalesce(r.raw_size, 0), r.received_at, 'email',
  (select ma.source from mail_arrivals ma
   where ma.report_id = r.id and ma.raw_sha256 = r.raw_sha256 order by ma.received_at limit 1),
  r.reporter_email, r.reporter_name, null, r.mail_auth, -1
from reports r
where r.raw_sha256 is not null
union all
select
  m.id, 'report-message-original', 'report', m.report_id, m.id, r.reference || '-' || m.id || '.eml',
  'message/rfc822', m.raw_sha256, coalesce(m.raw_size, 0), m.sent_at, 'email',
  (select ma.source from mail_arrivals ma
   where ma.report_id = m.report_id and ma.raw_sha256 = m.raw_sha256 order by ma.received_at limit 1),
  m.from_address, null, null, m.mail_auth, -1
from report_messages m
join reports r on r.id = m.report_id
where m.raw_sha256 is not null
union all
select
  a.id, 'incident-attachment', 'incident', a.incident_id, null, a.filename, a.content_type, a.sha256, a.size,
  a.created_at, 'console', null, null, null, a.uploaded_by, null, 0
from incident_attachments a
union all
select
  f.id, case f.kind when 'original' then 'incident-message-original' else 'incident-message-attachment' end,
  'incident', m.incident_id, m.id, f.filename, f.content_type, f.sha256, f.size, m.sent_at, 'email',
  case f.kind when 'original' then (
    select ma.source from mail_arrivals ma where ma.raw_sha256 = f.sha256 order by ma.received_at limit 1)
  end,
  m.from_address, null, null, m.mail_auth, f.position
from incident_message_files f
join incident_messages m on m.id = f.message_id;

-- What a file's bytes are, once per content (files are named by SHA-256): its other hashes, the type its
-- magic bytes show, whether it reads as text, what an archive holds and what a message says. Derived
-- from the bytes alone, so it may be computed again at any time (`version` says by which rules).
create table file_profiles (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  sha1 text not null check (sha1 ~ '^[0-9a-f]{40}$'),
  md5 text not null check (md5 ~ '^[0-9a-f]{32}$'),
  size bigint not null check (size >= 0),
  -- From the content (file-type's magic bytes, else a text sniff); null: not recognised.
  detected_type text,
  detected_ext text,
  text_like boolean not null,
  executable boolean not null,
  -- {entries: [{path, size, compressedSize, encrypted, directory, sha256?, sha1?, md5?, depth}], truncated, stop?}
  archive jsonb,
  -- {subject, from, to, date, messageId, headers, text, attachments: [{filename, contentType, size, sha256}], readLevel}
  message jsonb,
  version integer not null,
  identified_at timestamptz not null
);

-- A file an analyst marked as a malware sample: from then on its content leaves Fyr only inside an
-- encrypted ZIP (password "infected"), from this case and from every other case the viewer sees that
-- holds the same bytes. A mark is never taken back: a sample stays handled as one.
create table file_samples (
  file_id uuid primary key,
  file_kind text not null,
  case_kind text not null,
  case_id uuid not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  reason text not null check (length(reason) between 1 and 2000),
  marked_by uuid references users (id),
  marked_at timestamptz not null
);
create index file_samples_sha256_idx on file_samples (sha256, case_id);

-- The chain of custody after receipt (receipt itself is the recording row, see case_files): every
-- download, export, sample marking, custody record and deletion, with who and when. The person is
-- copied as they were named then (a police report names the person, not an account that may change).
-- The file, its case and its name are copied too, so the record outlives a deleted file.
create table file_custody_events (
  id uuid primary key,
  file_id uuid not null,
  file_kind text not null,
  case_kind text not null,
  case_id uuid not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  filename text not null,
  size bigint not null,
  event text not null check (event in (
    'downloaded', 'exported', 'marked_sample', 'custody_record', 'verified', 'deleted')),
  at timestamptz not null,
  actor_id uuid,
  actor_name text not null,
  actor_email text,
  ip text,
  -- downloaded: {route}; exported: {format}; marked_sample: {reason}; custody_record: {language};
  -- verified: {intact}; deleted: {reason}.
  details jsonb not null default '{}'
);
create index file_custody_events_file_idx on file_custody_events (file_id, at, id);
create index file_custody_events_case_idx on file_custody_events (case_id, event);

-- Append-only: a custody record that could be edited would prove nothing. Each event is also in the
-- audit trail, whose sealed chain shows an event removed behind this trigger's back.
create function fyr_custody_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'file_custody_events is append-only';
end
$$;
create trigger file_custody_events_append_only before update or delete on file_custody_events
  for each row execute function fyr_custody_append_only();
create trigger file_custody_events_no_truncate before truncate on file_custody_events
  for each statement execute function fyr_custody_append_only();
