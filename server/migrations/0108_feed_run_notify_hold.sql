-- A run far larger than its source's usual (a surge: twice the median of its earlier runs or more) is held
-- back from the notifier until staff decide: 'surge' while held, 'discarded' when staff chose not to tell
-- the owners (its events stay for members and search); null when nothing holds it (released, or usual).
alter table feed_runs add column notify_hold text check (notify_hold in ('surge', 'discarded'));
