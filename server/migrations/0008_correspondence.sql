-- Correspondence from incidents: recipients' OpenPGP keys, the delivery record of messages written to a
-- reporter from an incident (the message itself lives in the report's conversation), files that came
-- with a third party's reply, and the default advice templates in Swedish and English.

-- One public key per e-mail address (lower case). Outgoing mail is encrypted when every recipient has one.
create table recipient_pgp_keys (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and length(email) between 3 and 254),
  armored_key text not null,
  fingerprint text not null,
  user_ids text[] not null default '{}',
  expires_at timestamptz,
  created_at timestamptz not null,
  created_by uuid references users (id)
);

-- A message to the reporter written from an incident: which incident, the mail that carried it (its
-- delivery status) and whether it was encrypted and signed. The text is the report_messages row, so the
-- reporter sees it on their follow-up page.
create table incident_reporter_messages (
  report_message_id uuid primary key references report_messages (id) on delete cascade,
  incident_id uuid not null references incidents (id),
  subject text not null,
  to_addresses text[] not null default '{}',
  outbox_id uuid references mail_messages (id),
  encrypted boolean not null default false,
  signed boolean not null default false
);
create index incident_reporter_messages_incident_idx on incident_reporter_messages (incident_id);
create index incident_reporter_messages_outbox_idx on incident_reporter_messages (outbox_id);
create index incident_messages_outbox_idx on incident_messages (outbox_id) where outbox_id is not null;

-- Files a third party sent with a reply (bytes in the blob store, by SHA-256), and the raw message.
create table incident_message_files (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references incident_messages (id),
  kind text not null check (kind in ('attachment', 'original')),
  filename text not null,
  content_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  position integer not null default 0
);
create index incident_message_files_message_idx on incident_message_files (message_id, position);
create index incident_message_files_sha256_idx on incident_message_files (sha256);

-- Default advice templates. Placeholders: {reference} {title} {reporterName} {organisation} {certName}.
insert into advice_templates (key, language, name, subject, body, updated_at) values
('incident-acknowledgement', 'sv', 'Bekräftelse av incident', 'Vi hanterar incidenten',
$t$Hej {reporterName},

vi har gått igenom det ni rapporterat och hanterar det nu som incident {reference} ({title}).

En handläggare följer ärendet och hör av sig om vi behöver mer information. Om läget förändras – om fler system drabbas, om ni ser nya tecken på intrång eller om ni behöver hjälp snabbt – svara på det här brevet och behåll referensen i ämnesraden.

Med vänliga hälsningar
{certName}$t$, now()),
('incident-acknowledgement', 'en', 'Incident acknowledgement', 'We are handling the incident',
$t$Hello {reporterName},

we have reviewed what you reported and are now handling it as incident {reference} ({title}).

An incident handler follows the case and will contact you if we need more information. If the situation changes – more systems affected, new signs of intrusion, or you need help urgently – reply to this e-mail and keep the reference in the subject line.

Kind regards,
{certName}$t$, now()),

('request-logs', 'sv', 'Begäran om loggar', 'Begäran om loggar',
$t$Hej {reporterName},

för att kunna analysera incidenten {reference} behöver vi loggar från {organisation}. Skicka gärna det som finns av följande för tiden från ett par dygn före det första tecknet på incidenten och framåt:

- brandväggs- och proxyloggar
- loggar från VPN och annan fjärråtkomst
- inloggningsloggar (t.ex. Windows-händelseloggar 4624, 4625 och 4672 från domänkontrollanter)
- e-postloggar om incidenten rör e-post
- larm från antivirus eller EDR

Bevara originalen oförändrade och notera tidszon. Packa filerna i ett krypterat arkiv och skicka lösenordet på annan väg, eller ladda upp dem via er uppföljningslänk. Skicka inga loggar som ni inte har rätt att dela.

Med vänliga hälsningar
{certName}$t$, now()),
('request-logs', 'en', 'Request for logs', 'Request for logs',
$t$Hello {reporterName},

to analyse incident {reference} we need logs from {organisation}. Please send what you have of the following, covering from a couple of days before the first sign of the incident onwards:

- firewall and proxy logs
- VPN and other remote access logs
- authentication logs (e.g. Windows event logs 4624, 4625 and 4672 from domain controllers)
- mail logs if the incident involves e-mail
- antivirus or EDR alerts

Keep the originals unchanged and note the time zone. Put the files in an encrypted archive and send the password by another channel, or upload them through your follow-up link. Do not send logs you are not permitted to share.

Kind regards,
{certName}$t$, now()),

('ransomware-first-advice', 'sv', 'Ransomware – första råd', 'Råd vid ransomware',
$t$Hej {reporterName},

här är våra första råd för incident {reference}:

1. Isolera drabbade system från nätverket, men stäng inte av dem – minnet kan innehålla spår och ibland nycklar.
2. Koppla bort säkerhetskopior från nätet omedelbart och kontrollera att de är intakta.
3. Byt lösenord för administratörskonton och tjänstekonton från en ren dator, och spärra konton som kan vara komprometterade.
4. Spara loggar, lösennoter och exempel på krypterade filer. Radera ingenting.
5. Betala inte lösensumman. Betalning garanterar inte att data återställs och finansierar fortsatt brottslighet.
6. Polisanmäl brottet. Om ni omfattas av NIS2 eller om personuppgifter kan ha röjts kan ni ha rapporteringsplikt med korta tidsfrister.

Hör av er om ni behöver hjälp med analys eller återställning. Behåll referensen i ämnesraden när ni svarar.

Med vänliga hälsningar
{certName}$t$, now()),
('ransomware-first-advice', 'en', 'Ransomware – first advice', 'Advice on ransomware',
$t$Hello {reporterName},

here is our first advice for incident {reference}:

1. Isolate affected systems from the network, but do not switch them off – memory may hold traces and sometimes keys.
2. Disconnect backups from the network at once and check that they are intact.
3. Change passwords for administrator and service accounts from a clean computer, and disable accounts that may be compromised.
4. Keep logs, ransom notes and samples of encrypted files. Delete nothing.
5. Do not pay the ransom. Paying does not guarantee your data back and funds further crime.
6. Report the crime to the police. If you are covered by NIS2 or personal data may have been exposed, you may have reporting obligations with short deadlines.

Contact us if you need help with analysis or recovery. Keep the reference in the subject line when you reply.

Kind regards,
{certName}$t$, now()),

('phishing-advice', 'sv', 'Nätfiske – råd', 'Råd vid nätfiske',
$t$Hej {reporterName},

här är våra råd för incident {reference}:

1. Byt omedelbart lösenord för de konton vars uppgifter kan ha lämnats ut, och logga ut alla aktiva sessioner.
2. Slå på tvåfaktorsautentisering där den saknas.
3. Kontrollera om det har skapats regler för vidarebefordran eller inkorgsregler i de drabbade brevlådorna.
4. Sök efter samma meddelande i andra användares inkorgar och ta bort det. Blockera avsändaren och länkarnas domäner.
5. Skicka gärna det ursprungliga meddelandet till oss som bilaga (.eml) så att vi kan varna andra.

Behåll referensen i ämnesraden när ni svarar.

Med vänliga hälsningar
{certName}$t$, now()),
('phishing-advice', 'en', 'Phishing – advice', 'Advice on phishing',
$t$Hello {reporterName},

here is our advice for incident {reference}:

1. Change the passwords of any accounts whose details may have been given away at once, and sign out all active sessions.
2. Turn on two-factor authentication where it is missing.
3. Check the affected mailboxes for forwarding rules or inbox rules that someone else has created.
4. Search other users' inboxes for the same message and remove it. Block the sender and the domains of the links.
5. Please send us the original message as an attachment (.eml) so that we can warn others.

Keep the reference in the subject line when you reply.

Kind regards,
{certName}$t$, now()),

('third-party-notice', 'sv', 'Underrättelse till berörd part', 'Underrättelse om säkerhetsincident',
$t$Hej,

{certName} hanterar en säkerhetsincident ({reference}) som kan beröra er. Vi har uppgifter som tyder på att system eller tjänster som ni ansvarar för är inblandade.

Vi ber er undersöka detta och vidta de åtgärder ni bedömer nödvändiga. Vi delar gärna tekniska detaljer, till exempel IP-adresser och tidpunkter, med en kontaktperson hos er.

Informationen är avsedd för er organisation och får inte spridas vidare utan vårt medgivande.

Svara på det här brevet och behåll referensen i ämnesraden.

Med vänliga hälsningar
{certName}$t$, now()),
('third-party-notice', 'en', 'Notice to affected third party', 'Notice of a security incident',
$t$Hello,

{certName} is handling a security incident ({reference}) that may concern you. We have information indicating that systems or services you are responsible for are involved.

We ask you to look into this and take the measures you find necessary. We are happy to share technical details, such as IP addresses and times, with a contact person at your organisation.

This information is meant for your organisation and must not be passed on without our consent.

Reply to this e-mail and keep the reference in the subject line.

Kind regards,
{certName}$t$, now()),

('closing', 'sv', 'Avslutande meddelande', 'Incidenten avslutas',
$t$Hej {reporterName},

vi avslutar nu vår hantering av incident {reference} ({title}). Tack för att ni rapporterade och för ett gott samarbete.

Om ni ser nya tecken på samma händelse, svara på det här brevet med referensen kvar i ämnesraden så öppnar vi ärendet igen. Gäller det något nytt, rapportera det som en ny incident.

Med vänliga hälsningar
{certName}$t$, now()),
('closing', 'en', 'Closing message', 'The incident is closed',
$t$Hello {reporterName},

we are now closing our handling of incident {reference} ({title}). Thank you for reporting it and for working with us.

If you see new signs of the same event, reply to this e-mail with the reference kept in the subject line and we will reopen the case. If it is something new, please report it as a new incident.

Kind regards,
{certName}$t$, now());
