-- Retention (server/features/retention): a legal hold per incident keeps its case and every report
-- linked to it out of the sweep; each run records what it removed (the yearly report sums them);
-- each record says when its personal data was removed, so a run never counts it twice.
create table legal_holds (
  incident_id uuid primary key references incidents (id),
  reason text not null,
  set_by uuid references users (id),
  set_at timestamptz not null default now()
);

create table retention_runs (
  id bigserial primary key,
  ran_at timestamptz not null default now(),
  -- { contacts, reportTexts, attachments, incidentCorrespondence, mail, auditPastPeriod }
  counts jsonb not null,
  settings jsonb not null
);
create index retention_runs_at on retention_runs (ran_at);

alter table reports add column contacts_removed_at timestamptz;
alter table reports add column texts_removed_at timestamptz;
-- Beside incidents rather than a column on them: the incident row's type stays the incidents feature's.
create table incident_correspondence_removed (
  incident_id uuid primary key references incidents (id),
  removed_at timestamptz not null default now()
);
alter table mail_messages add column content_removed_at timestamptz;
