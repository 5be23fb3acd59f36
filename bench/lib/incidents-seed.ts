// Set-based seed for the incident workspace benchmark: every table filled by INSERT … SELECT over
// generate_series, so 100k incidents, 300k reports and 1M timeline entries take minutes, not hours.
// Texts mix Swedish and English words with a skewed (Zipf-like) choice, plus rarer tokens (malware
// families, host names, CVE ids) so that text search sees common, middling and rare words as in life.

export const SEED_SIZES = {
  users: 50,
  incidents: Number(process.env.BENCH_INCIDENTS ?? 100_000),
  reports: Number(process.env.BENCH_REPORTS ?? 300_000),
  events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
  reportMessages: Number(process.env.BENCH_REPORT_MESSAGES ?? 100_000),
  incidentMessages: Number(process.env.BENCH_INCIDENT_MESSAGES ?? 50_000),
};

export const SWEDISH_WORDS = `filer krypterade servern lösenord inloggning användare angriparen nätfiske bifogad länk
  brandvägg loggar misstänkt trafik kontot spärrat återställt säkerhetskopior utpressning betalning sårbarhet
  uppdatering patchad leverantör kunden kommunen sjukhuset skolan myndigheten incidenten åtgärdat isolerad
  datorerna nätverket e-post bedrägeri fakturan överbelastning attacken tjänsten nere rapporterade polisen
  upptäckte analysen skadlig kod bakdörr utnyttjade behörighet administratör domänkontrollant dataläcka
  personuppgifter läckt publicerad forum kontaktade informerade väntar svar imorgon igår morse kväll`
  .split(/\s+/)
  .filter(Boolean);

export const ENGLISH_WORDS = `files encrypted server password login users attacker phishing attachment link firewall
  logs suspicious traffic account locked reset backups ransom payment vulnerability update patched vendor
  customer municipality hospital school agency incident remediated isolated computers network email fraud
  invoice denial service outage reported police discovered analysis malicious code backdoor exploited
  privileges administrator domain controller breach personal data leaked published forum contacted informed
  waiting reply tomorrow yesterday morning evening credentials exfiltration lateral movement beacon`
  .split(/\s+/)
  .filter(Boolean);

export const MALWARE = `emotet qakbot lockbit akira blackcat conti ryuk trickbot icedid cobaltstrike
  mimikatz agenttesla formbook redline raccoon asyncrat njrat remcos darkgate pikabot`
  .split(/\s+/)
  .filter(Boolean);

// Evaluated once per statement (an InitPlan), not per row.
const USER_IDS = "(select array_agg(id order by n) from bench_users)";

const lit = (words: string[]) => `array[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]::text[]`;

/** The seed, one statement after another (each a set-based INSERT). */
export function seedStatements(benchUserId: string): string[] {
  const s = SEED_SIZES;
  const sv = lit(SWEDISH_WORDS);
  const en = lit(ENGLISH_WORDS);
  const mw = lit(MALWARE);
  // n words: skewed towards the start of each list (random()^2), Swedish and English mixed.
  const words = (n: string, seed: string) => `(select string_agg(case when random() < 0.5
      then (${sv})[1 + floor(power(random(), 2) * ${SWEDISH_WORDS.length})::int]
      else (${en})[1 + floor(power(random(), 2) * ${ENGLISH_WORDS.length})::int] end, ' ')
    from generate_series(1, ${n}) where ${seed} is not null)`;
  const rare = () => `(case when random() < 0.3 then (${mw})[1 + floor(random() * ${MALWARE.length})::int] else '' end
    || case when random() < 0.2 then ' srv-' || lpad(floor(random() * 5000)::int::text, 4, '0') else '' end
    || case when random() < 0.1 then ' CVE-202' || floor(random() * 5)::int || '-' || (1000 + floor(random() * 9000)::int) else '' end)`;
  return [
    `set local synchronous_commit = off`,
    `insert into users (email, name, roles)
       select 'analyst' || g || '@bench.example', 'Analytiker ' || g, '{analyst}' from generate_series(1, ${s.users}) g`,
    `create temporary table bench_users on commit drop as
       select row_number() over (order by id) as n, id from users where email like '%@bench.example'
       union all select ${s.users + 1}, '${benchUserId}'::uuid`,
    // Incidents: created over three years; statuses, severities and TLP in realistic shares.
    `create temporary table bench_incidents on commit drop as
       select g as n, gen_random_uuid() as id,
         now() - (random() * interval '1095 days') as created_at, random() as r1, random() as r2, random() as r3
       from generate_series(1, ${s.incidents}) g`,
    `insert into incidents (id, reference, title, status, severity, rsit_class, rsit_type, rsit_version, sectors,
         tlp, pap, assignee_id, due_at, sla_paused_at, resolved_at, created_at, updated_at)
       select b.id, 'FYR-INC-' || extract(year from b.created_at) || '-' || lpad(b.n::text, 6, '0'),
         initcap(${words("3 + b.n % 4", "b.n")}),
         case when b.r1 < 0.10 then 'new' when b.r1 < 0.35 then 'open' when b.r1 < 0.40 then 'stalled'
              when b.r1 < 0.90 then 'resolved' else 'rejected' end,
         case when b.r2 < 0.05 then 'critical' when b.r2 < 0.25 then 'high' when b.r2 < 0.70 then 'medium' else 'low' end,
         (array['malicious-code','intrusions','fraud','availability','information-content-security','vulnerable'])[1 + b.n % 6],
         'x', 1,
         array[(array['energy','health','transport','banking','digital-infrastructure','public-administration'])[1 + (b.n / 7) % 6]],
         case when b.r3 < 0.03 then 'TLP:RED' when b.r3 < 0.10 then 'TLP:AMBER+STRICT' when b.r3 < 0.70 then 'TLP:AMBER'
              when b.r3 < 0.95 then 'TLP:GREEN' else 'TLP:CLEAR' end,
         'PAP:AMBER',
         case when b.n % 7 = 0 then null else (${USER_IDS})[1 + b.n % ${s.users + 1}] end,
         b.created_at + case when b.r2 < 0.05 then interval '1 day' when b.r2 < 0.25 then interval '3 days'
                             else interval '10 days' end,
         case when b.r1 >= 0.35 and b.r1 < 0.40 then b.created_at + interval '12 hours' end,
         case when b.r1 >= 0.40 and b.r1 < 0.90 then b.created_at + interval '5 days' end,
         b.created_at, least(now(), b.created_at + random() * interval '30 days')
       from bench_incidents b`,
    `insert into incident_members (incident_id, user_id, added_at)
       select i.id, u.id, i.created_at from incidents i
       join bench_users u on u.n in (2, 3) where i.tlp = 'TLP:RED'`,
    // Reports: three per incident on average, linked; a few still new.
    `create temporary table bench_reports on commit drop as
       select g as n, gen_random_uuid() as id, 1 + (g - 1) % ${s.incidents} as incident_n from generate_series(1, ${s.reports}) g`,
    `insert into reports (id, reference, status, channel, language, reporter_email, organisation_name, summary,
         what_happened, follow_up_token_hash, received_at, tlp)
       select r.id, 'FYR-2025-' || lpad(r.n::text, 7, '0'),
         case when r.n % 100 = 0 then 'new' else 'linked' end,
         (array['web','api','phone','email'])[1 + r.n % 4], (array['sv','en'])[1 + r.n % 2],
         'rapportor' || r.n || '@example.se', 'Organisation ' || (r.n % 3000),
         initcap(${words("4", "r.n")}), ${words("20 + r.n % 20", "r.n")} || ' ' || ${rare()},
         md5(r.n::text || random()::text), i.created_at - random() * interval '2 days', 'TLP:AMBER'
       from bench_reports r join bench_incidents i on i.n = r.incident_n`,
    `insert into incident_reports (incident_id, report_id, linked_at)
       select i.id, r.id, i.created_at from bench_reports r join bench_incidents i on i.n = r.incident_n`,
    // The timeline: mostly notes (text), the rest system events without text.
    `insert into incident_events (incident_id, kind, occurred_at, recorded_at, author_id, body)
       select i.id, case when g % 7 = 0 then 'status' else 'note' end,
         i.created_at + (g % 50) * interval '1 hour', i.created_at + (g % 50) * interval '1 hour' + interval '5 minutes',
         (${USER_IDS})[1 + g % ${s.users + 1}],
         case when g % 7 = 0 then null else ${words("8 + g % 10", "g")} || ' ' || ${rare()} end
       from generate_series(1, ${s.events}) g join bench_incidents i on i.n = 1 + g % ${s.incidents}`,
    `insert into report_messages (report_id, author, body, via, sent_at)
       select r.id, case when g % 2 = 0 then 'reporter' else 'cert' end, ${words("10 + g % 15", "g")} || ' ' || ${rare()},
         'web', now() - random() * interval '1000 days'
       from generate_series(1, ${s.reportMessages}) g join bench_reports r on r.n = 1 + (g * 3) % ${s.reports}`,
    `insert into incident_threads (id, incident_id, counterpart, addresses, created_at)
       select gen_random_uuid(), i.id, 'ISP ' || g, array['abuse' || g || '@isp.example'], i.created_at
       from generate_series(1, ${Math.ceil(s.incidentMessages / 3)}) g join bench_incidents i on i.n = 1 + (g * 11) % ${s.incidents}`,
    `insert into incident_messages (incident_id, thread_id, direction, subject, body, sent_at)
       select t.incident_id, t.id, (array['out','in'])[1 + g % 2], 'Ärende ' || g, ${words("15 + g % 20", "g")} || ' ' || ${rare()},
         t.created_at + g * interval '1 second'
       from generate_series(1, 3) g cross join incident_threads t`,
  ];
}
