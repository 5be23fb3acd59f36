-- The cases that held a value when analysts last gave their verdict on it (tag, "do not correlate").
-- The verdict is one per value, but it is shown only to someone who sees one of these cases
-- (platform/tlp.ts, verdictVisibleSql): a verdict given while only TLP:RED cases hidden from a viewer
-- held the value is not theirs, even once the value turns up in a case they see (filed by anyone, or
-- added by hand to find out). Rewritten with every verdict; values are never deleted, nor are cases.
create table observable_verdict_cases (
  observable_id int8 not null,
  case_id uuid not null,
  primary key (observable_id, case_id)
);

-- Verdicts given before this table existed keep their readers: every case holding the value now.
insert into observable_verdict_cases (observable_id, case_id)
select distinct s.observable_id, s.case_id
from observables o join sightings s on s.observable_id = o.id
where o.version > 0;
