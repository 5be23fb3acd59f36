-- Issue 17: the MISP feed manifest is cached per partner and invalidated on change. One counter row,
-- bumped in the same transaction as any change that can alter what a partner's feed holds (an
-- incident, its links, its values, TLP / PAP / consent, named or affected organisations, a partner's
-- agreement), so a reader in any process sees the new counter exactly when it can see the change.
-- Statement-level triggers: one bump per statement, however many rows it touches.
create table exchange_feed_version (
  id boolean primary key default true check (id),
  version int8 not null
);
insert into exchange_feed_version (id, version) values (true, 0);

create function fyr_exchange_feed_changed() returns trigger language plpgsql as $$
begin
  update exchange_feed_version set version = version + 1;
  return null;
end $$;

create trigger exchange_feed_incidents after insert or update or delete on incidents
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_incident_reports after insert or update or delete on incident_reports
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_reports after update of tlp, sharing_information, sharing_data, sharing_logs on reports
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_incident_organisations after insert or update or delete on incident_organisations
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_sharing_recipients after insert or update or delete on sharing_recipients
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_sightings after insert or update or delete on sightings
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_observables after update of type, value, tag on observables
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_misp_import_values after insert or update or delete on misp_import_values
  for each statement execute function fyr_exchange_feed_changed();
create trigger exchange_feed_partners after insert or update or delete on exchange_partners
  for each statement execute function fyr_exchange_feed_changed();
