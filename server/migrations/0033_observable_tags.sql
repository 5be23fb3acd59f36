-- Free tags on values (`emotet`, `yara:Win_Emotet`) and MISP machine tags (`tlp:amber`, `PAP:GREEN`,
-- `rsit:fraud="phishing"`), beside the analysts' one verdict per value (observables.tag). Like a verdict,
-- a tag belongs to the cases that held the value when it was given (observable_tag_cases): it is shown
-- only to someone who sees one of them (platform/tlp.ts, tagVisibleSql), so a tag given while only
-- TLP:RED cases held the value is not read off a case it turns up in later.
create table observable_tags (
  observable_id int8 not null references observables (id),
  tag text not null check (length(tag) between 1 and 128),
  -- A person, or null with added_by_system naming what in Fyr tagged it ('yara').
  added_by uuid references users (id),
  added_by_system text check (length(added_by_system) between 1 and 64),
  added_at timestamptz not null,
  primary key (observable_id, tag),
  check ((added_by is null) <> (added_by_system is null))
);
-- The index's tag filter: the values carrying a tag.
create index observable_tags_tag_idx on observable_tags (tag, observable_id);

-- Given again (by someone to whom it was hidden, or on new cases), a tag gains the cases holding the
-- value then; removed, it goes with its cases.
create table observable_tag_cases (
  observable_id int8 not null,
  tag text not null,
  case_id uuid not null,
  primary key (observable_id, tag, case_id),
  foreign key (observable_id, tag) references observable_tags (observable_id, tag) on delete cascade
);

-- Search by domain suffix (`*.example.se`): the names under a domain are a key range of the reversed
-- name, in C order so the range is bytewise whatever the database's collation.
create index observables_domain_suffix_idx on observables ((reverse(value) collate "C")) where type = 'domain';

-- The index's "malicious" view reads the judged values alone, not every value.
create index observables_verdict_idx on observables (tag) where tag is not null;

-- The observables index (recent, most seen, common) reads each value's cases and first and last
-- sighting from this summary instead of summing a million sightings per page. It counts only cases
-- no TLP:RED incident restricts (neither a RED incident nor a report linked to one), so it holds
-- nothing any staff reader may not see; the restricted cases a viewer does see are summed at read time
-- (they are few: RED is for named recipients). Kept exact by marking what changes as pending, in the
-- writing transaction (the sightings' writers, and the triggers below), and a background pass that
-- recomputes pending values and clears their marks in one transaction: a value is either summed here
-- exactly or pending, and a pending one is summed live (observables/index-store.ts).
create table observable_stats (
  observable_id int8 primary key,
  cases integer not null check (cases > 0),
  first_seen timestamptz not null,
  last_seen timestamptz not null
);
create index observable_stats_recent_idx on observable_stats (last_seen desc, observable_id desc);
create index observable_stats_seen_most_idx on observable_stats (cases desc, last_seen desc, observable_id desc);

-- Pending: every value of these cases (sightings written; the case's TLP:RED restriction changed), and
-- these values (sightings removed). Plain appends, duplicates allowed: the pass takes them whole.
create table observable_stats_pending_cases (case_id uuid not null);
create table observable_stats_pending_values (observable_id int8 not null);

-- Whether a case is restricted changes when an incident turns TLP:RED or stops being it (the incident
-- and its reports), and when a report is linked to or unlinked from an incident (the report).
create function fyr_observable_stats_incident_tlp() returns trigger language plpgsql as $$
begin
  insert into observable_stats_pending_cases (case_id)
  select new.id union all select ir.report_id from incident_reports ir where ir.incident_id = new.id;
  return null;
end $$;
create trigger observable_stats_incident_tlp after update of tlp on incidents
  for each row when ((old.tlp = 'TLP:RED') is distinct from (new.tlp = 'TLP:RED'))
  execute function fyr_observable_stats_incident_tlp();

create function fyr_observable_stats_report_link() returns trigger language plpgsql as $$
begin
  insert into observable_stats_pending_cases (case_id)
  values (case when tg_op = 'DELETE' then old.report_id else new.report_id end);
  return null;
end $$;
create trigger observable_stats_report_link after insert or delete on incident_reports
  for each row execute function fyr_observable_stats_report_link();

-- What is stored already, summed once.
insert into observable_stats (observable_id, cases, first_seen, last_seen)
select s.observable_id, count(distinct s.case_id), min(s.seen_at), max(s.seen_at)
from sightings s
where s.case_id not in (
  select i.id from incidents i where i.tlp = 'TLP:RED'
  union all
  select ir.report_id from incident_reports ir join incidents i on i.id = ir.incident_id where i.tlp = 'TLP:RED')
group by s.observable_id;
