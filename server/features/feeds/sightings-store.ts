import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// Which feeds saw some values (addresses, domains, URLs), newest first: SQL only (feed-sightings.ts
// decides what is asked and shown).

export interface SightingRow {
  kind: "ip" | "domain" | "url";
  value: string;
  feed: string;
  last_seen: Date;
}

/**
 * Per value, the feeds that saw it with the last time each did, at most `perValue` feeds. Each value reads
 * at most `scan` of its newest events through its own index (source_ip, source_fqdn, source.url), so a value
 * seen a million times costs no more than one seen `scan` times.
 */
export async function selectFeedSightings(
  db: Db,
  values: { ips: string[]; domains: string[]; urls: string[] },
  bounds: { perValue: number; scan: number },
): Promise<SightingRow[]> {
  if (values.ips.length + values.domains.length + values.urls.length === 0) return [];
  // One branch per kind, each over its own typed array, so no value is ever cast as another kind's.
  const branch = (kind: SightingRow["kind"], input: RawBuilder<unknown>, match: RawBuilder<unknown>) => sql`
    select ${kind}::text as kind, v.n, s.name as feed, x.last_seen
    from ${input} with ordinality as v(value, n)
    cross join lateral (
      select m.source_id, max(m.time_source) as last_seen from (
        select e.source_id, e.time_source from feed_events e
        where ${match} order by e.time_source desc limit ${bounds.scan}
      ) m group by m.source_id order by 2 desc limit ${bounds.perValue}
    ) x
    join feed_sources s on s.id = x.source_id`;
  const result = await sql<{ kind: SightingRow["kind"]; n: number; feed: string; last_seen: Date | string }>`
    ${branch("ip", sql`unnest(${values.ips}::inet[])`, sql`e.source_ip = v.value`)}
    union all
    ${branch("domain", sql`unnest(${values.domains}::text[])`, sql`e.source_fqdn = v.value`)}
    union all
    ${branch("url", sql`unnest(${values.urls}::text[])`, sql`e.fields ? 'source.url' and e.fields ->> 'source.url' = v.value`)}
    order by last_seen desc
  `.execute(db);
  const of = { ip: values.ips, domain: values.domains, url: values.urls };
  return result.rows.map((r) => ({
    kind: r.kind,
    value: of[r.kind][Number(r.n) - 1] ?? "",
    feed: r.feed,
    last_seen: new Date(r.last_seen),
  }));
}
