-- An observable's id says nothing about when the value was first stored (issue 11, item 3). With a
-- sequence, adding a value by hand to a visible report answered an id older than a fresh one whenever
-- the value already sat in cases the viewer may not see (a TLP:RED incident): an existence oracle. Ids
-- are now drawn at random from [2^52, 2^53): above any id the sequence gave, below 2^53 so that they stay
-- exact as JavaScript numbers, and 60 random bits of a v4 UUID make a collision (a failed insert, retried
-- by the extraction job) vanishingly rare. Existing values are renumbered, so old ids say nothing either
-- (audit entries written before keep naming the ids of their time).

create function fyr_random_observable_id() returns bigint language sql volatile parallel safe as $$
  select 4503599627370496
    + (('x' || substr(encode(uuid_send(gen_random_uuid()), 'hex'), 18, 15))::bit(60)::bigint & 4503599627370495)
$$;

alter table observables alter column id drop identity;
alter table observables alter column id set default fyr_random_observable_id();

create temporary table observable_renumbering on commit drop as
  select id as old_id, fyr_random_observable_id() as new_id from observables;
update sightings s set observable_id = r.new_id from observable_renumbering r where s.observable_id = r.old_id;
update observable_verdict_cases v set observable_id = r.new_id
  from observable_renumbering r where v.observable_id = r.old_id;
update observables o set id = r.new_id from observable_renumbering r where o.id = r.old_id;
