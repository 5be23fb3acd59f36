-- Default escalation policies for the triggers besides overdue reports (0075 seeded only 'default',
-- report-overdue): without one, a NIS2 deadline of the CERT's own, a critical feed finding, a silent node,
-- a late feed or failed jobs/mail started no escalation and paged no one. Each pages the primary duty
-- officer at once, the backup after 10 minutes, all on duty after 20, twice round. Admins edit them in
-- the console (Escalation); a policy naming sectors, or another of the same trigger with an id earlier
-- in the alphabet, takes precedence (escalation-store.ts). An existing policy of that id is left as is.
insert into oncall_policies (id, trigger, steps, loops) values
  ('nis2-deadline', 'nis2-deadline', '[{"afterMinutes":0,"notify":"primary","channels":["email","sms"]},{"afterMinutes":10,"notify":"backup","channels":["email","sms"]},{"afterMinutes":20,"notify":"all-duty","channels":["email","webhook"]}]', 2),
  ('critical-feed', 'critical-feed', '[{"afterMinutes":0,"notify":"primary","channels":["email","sms"]},{"afterMinutes":10,"notify":"backup","channels":["email","sms"]},{"afterMinutes":20,"notify":"all-duty","channels":["email","webhook"]}]', 2),
  ('operations-alarm', 'operations-alarm', '[{"afterMinutes":0,"notify":"primary","channels":["email","sms"]},{"afterMinutes":10,"notify":"backup","channels":["email","sms"]},{"afterMinutes":20,"notify":"all-duty","channels":["email","webhook"]}]', 2)
on conflict (id) do nothing;
