-- How much of a mailed report's message could be read (issue 19): a message read only in part (past
-- the bound on parts or depth, a header block that had to be rebuilt, or raw text) says so on the
-- report and in the inbox, and files left out over a size limit are named with their size and why.
-- Null for reports that did not come by mail, and for mail taken in before this migration.
alter table reports
  add column mail_read_level text
    check (mail_read_level in ('full', 'partial', 'headers-rebuilt', 'raw-text')),
  add column mail_skipped_parts integer check (mail_skipped_parts >= 0),
  add column mail_files_not_stored jsonb;
