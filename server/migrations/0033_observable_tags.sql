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
