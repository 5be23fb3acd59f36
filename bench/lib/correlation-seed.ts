// Set-based SQL that seeds the correlation benchmark: 2,000,000 distinct values and 10,000,000
// sightings over 200,000 reports and 20,000 incidents (a tenth TLP:RED), so every related query runs
// the TLP policy's conditions on real rows. Values are skewed like real IOCs: a few are in thousands
// of cases (the over-correlation guard must cut them off), most in one or two.

export const CORRELATION_SIZES = { values: 2_000_000, sightings: 10_000_000, reports: 200_000, incidents: 20_000 };
export type SeedSizes = typeof CORRELATION_SIZES;

/** The text of value number n (1-based): a third addresses, a third domains, a third SHA-256. */
export const valueSql = (n: string) => `case ${n} % 3
    when 0 then '45.' || ((${n} >> 16) & 255) || '.' || ((${n} >> 8) & 255) || '.' || (${n} & 255)
    when 1 then 'host-' || ${n} || '.bench-corp.se'
    else encode(sha256(${n}::text::bytea), 'hex') end`;
export const typeSql = (n: string) => `case ${n} % 3 when 0 then 'ipv4' when 1 then 'domain' else 'sha256' end`;

/** A value number drawn with skew: density falls as 1/sqrt(n), so low numbers are common. */
export const skewedValueSql = (values = CORRELATION_SIZES.values) => `(1 + floor(${values} * random() ^ 2))::int8`;

/** The seed at these sizes (the correlation benchmark's by default; the workspace benchmark's are smaller). */
export function correlationSeedStatements(userId: string, s: SeedSizes = CORRELATION_SIZES): string[] {
  return [
    `insert into reports (reference, channel, what_happened, follow_up_token_hash, received_at, tlp)
     select 'BENCH-R-' || g, 'web', 'Bench report ' || g, md5('bench-token-' || g),
            now() - (g % 720) * interval '1 day', 'TLP:AMBER'
     from generate_series(1, ${s.reports}) g`,
    `insert into incidents (reference, title, severity, tlp, assignee_id, created_at, updated_at)
     select 'BENCH-I-' || g, 'Bench incident ' || g, 'medium',
            case when g % 10 = 0 then 'TLP:RED' else 'TLP:AMBER' end,
            case when g % 20 = 0 then '${userId}'::uuid end,
            now() - (g % 720) * interval '1 day', now()
     from generate_series(1, ${s.incidents}) g`,
    // Every third report is linked to an incident (so RED hides some reports too).
    `insert into incident_reports (incident_id, report_id, linked_at)
     select i.id, r.id, now() from reports r
     join incidents i on i.reference = 'BENCH-I-' || (1 + (substr(r.reference, 9)::int % ${s.incidents}))
     where r.reference like 'BENCH-R-%' and substr(r.reference, 9)::int % 3 = 0`,
    // Ids as the value numbers, which the sightings below name (the column's default draws random ids).
    `insert into observables (id, type, value, network)
     select g, ${typeSql("g")}, ${valueSql("g")},
            case when g % 3 = 0 then (${valueSql("g")})::cidr end
     from generate_series(1, ${s.values}) g`,
    `create temporary table bench_cases as
     select row_number() over () as n, kind, id, at from (
       select 'report'::text as kind, id, received_at as at from reports where reference like 'BENCH-R-%'
       union all select 'incident', id, created_at from incidents where reference like 'BENCH-I-%') c`,
    `create unique index on bench_cases (n)`,
    // A bulk load the way one is done: indexes dropped, rows in, indexes built (the migration's names).
    `alter table sightings drop constraint sightings_pkey`,
    `drop index sightings_value_idx`,
    // 1 % more draws than wanted: drawing the same value for the same case twice is one sighting.
    `insert into sightings (observable_id, case_kind, case_id, origin, origin_id, seen_at)
     select distinct x.v, c.kind, c.id, case c.kind when 'report' then 'report' else 'note' end, c.id, c.at
     from (select ${skewedValueSql(s.values)} as v, 1 + floor(random() * ${s.reports + s.incidents})::int8 as n
           from generate_series(1, ${Math.round(s.sightings * 1.01)})) x
     join bench_cases c on c.n = x.n`,
    // As migration 0015 defines them.
    `alter table sightings add constraint sightings_pkey
       primary key (case_id, observable_id, origin, origin_id) include (seen_at)`,
    `create index sightings_value_idx on sightings (observable_id, case_id) include (case_kind, seen_at)
       with (fillfactor = 70)`,
  ];
}
