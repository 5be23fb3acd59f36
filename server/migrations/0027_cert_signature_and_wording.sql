-- Issue 12: the shipped advice templates sign with the CERT's full signature ({certSignature}: name,
-- telephone, web from FYR_CERT_*) instead of its name alone, and the shipped texts use the glossary's
-- words (web/lib/i18n/GLOSSARY.md): an incident is "incident" in both languages, never "ärende" or
-- "case". Only text still as shipped changes: an admin's own edits do not match and stay.

update advice_templates
   set body = left(body, length(body) - length('{certName}')) || '{certSignature}'
 where key in ('incident-acknowledgement', 'request-logs', 'ransomware-first-advice', 'phishing-advice',
               'third-party-notice', 'closing')
   and body like E'%\n{certName}';

update advice_templates
   set body = replace(replace(replace(replace(body,
         'En handläggare följer ärendet', 'En handläggare följer incidenten'),
         'så öppnar vi ärendet igen', 'så öppnar vi incidenten igen'),
         'An incident handler follows the case', 'An incident handler follows the incident'),
         'we will reopen the case', 'we will reopen the incident')
 where key in ('incident-acknowledgement', 'closing');

-- The shipped playbooks (fixed ids 7a1b0000-…): "record … in the incident", "close the incident".
update playbooks
   set tasks = replace(replace(tasks::text, 'i ärendet"', 'i incidenten"'), 'stäng ärendet"', 'stäng incidenten"')::jsonb
 where id::text like '7a1b0000-0000-4000-8000-%';
