-- Sightings' two indexes, reshaped for bulk writes (measured on 10,000,000 sightings, 2 vCPUs):
--
-- * The value index (value → cases) takes every sighting at a random place: it is now as narrow as the
--   correlation read allows, (value, case) with kind and time carried along for index-only reads, about
--   50 bytes a row instead of 85, so a batch touches fewer pages (and writes fewer full-page images
--   after a checkpoint). Built 70 % full: random inserts split a full page at once.
-- * The identity (case, value, origin, origin row) moves to the case side, which new cases' sightings
--   reach at its right edge (case ids are time-ordered, migration 0014): the unique check costs little
--   there. It also serves a case's values, a source's replacement and a hand-added value's removal.
--
-- A 10,000-sighting insert went from 111–132 ms to 78–90 ms with no full-page images, and from
-- 150–180 ms to 115–160 ms right after a checkpoint. Case ids are unique across reports and incidents,
-- so the kind is not part of the identity.
alter table sightings drop constraint sightings_pkey;
drop index sightings_case_idx;
alter table sightings add constraint sightings_pkey primary key (case_id, observable_id, origin, origin_id) include (seen_at);
create index sightings_value_idx on sightings (observable_id, case_id) include (case_kind, seen_at) with (fillfactor = 70);
