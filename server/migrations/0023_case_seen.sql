-- When each staff user last looked at a report or an incident: what arrived since (a reporter's reply,
-- a third party's answer, a report nobody of them has opened) is "new" to that user alone
-- (platform/unread.ts). One row per (user, case), moved forward each time the page is opened.
create table case_seen (
  user_id uuid not null references users (id) on delete cascade,
  case_kind text not null check (case_kind in ('report', 'incident')),
  case_id uuid not null,
  seen_at timestamptz not null,
  primary key (user_id, case_kind, case_id)
);

-- "New replies" read the latest answer per case; these keep that to one index probe per case.
create index report_messages_reporter_idx on report_messages (report_id, sent_at desc) where author = 'reporter';
create index incident_messages_inbound_idx on incident_messages (incident_id, sent_at desc) where direction = 'in';
