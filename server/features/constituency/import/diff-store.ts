import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type {
  ConstituencyImportCounts,
  ConstituencyImportKind,
  ConstituencyImportSample,
} from "../../../platform/db/tables/constituency-imports.js";

// The diff of an import and its application, in SQL over the staged rows (staging-store.ts): a
// million networks are compared and written by set-based statements, never a statement per row, and
// nothing of them passes through Node. Preview and apply use the same predicates, written once here:
// - added: a staged key no record of the source has (unless the organisation already holds the same
//   thing, manual or not: then it is kept as it is);
// - changed: the record of that key differs, and no staff edit (edited_at) protects it;
// - removed: a record of the source in the import's scope that the import no longer has, unedited.
// Kept counts what the import would have changed or removed but leaves alone.
// The scope: a RIPE import by country touches the networks registered in those countries only; by
// organisation handles, those organisations only; a CSV file speaks for the organisations it names.
// AS numbers, domains and contacts belong to an organisation: an import that has the organisation
// has all of them. An organisation is removed only once nothing is left under it (no manual or edited
// record, no member, no sub-organisation, no inhibition).

export interface DiffScope {
  importId: string;
  source: string;
  countries: string[] | null;
  orgs: string[] | null;
  /** CSV: only the organisations the file names are in scope. */
  byStagedOrgs: boolean;
  /** RIPE: organisations the registry no longer has are removed (CSV never removes one). */
  removeOrganisations: boolean;
}

interface ChildTable {
  table: string;
  kind: string;
  /** Compared columns: the record's, and the staged row's, in the same order. */
  columns: string[];
  staged: string[];
  /** What the organisation may hold once (a unique key, or for networks the same range). */
  natural: string[];
  stagedNatural: string[];
  /** What a sample shows. */
  show: string;
}

const CHILDREN: Record<Exclude<ConstituencyImportKind, "organisations">, ChildTable> = {
  networks: {
    table: "organisation_networks",
    kind: "network",
    columns: ["first_address", "last_address", "label", "registry_country"],
    staged: ["first_address", "last_address", "label", "country"],
    natural: ["first_address", "last_address"],
    stagedNatural: ["first_address", "last_address"],
    show: "label",
  },
  asns: {
    table: "organisation_asns",
    kind: "asn",
    columns: ["asn"],
    staged: ["asn"],
    natural: ["asn"],
    stagedNatural: ["asn"],
    show: "'AS' || asn",
  },
  domains: {
    table: "organisation_domains",
    kind: "domain",
    columns: ["domain"],
    staged: ["domain"],
    natural: ["domain"],
    stagedNatural: ["domain"],
    show: "domain",
  },
  contacts: {
    table: "organisation_contacts",
    kind: "contact",
    columns: ["email", "role", "phone", "name", "language"],
    staged: ["email", "role", "phone", "name", "language"],
    natural: ["email", "role"],
    stagedNatural: ["email", "role"],
    show: "role || ': ' || email",
  },
};

export const CHILD_KINDS = Object.keys(CHILDREN) as Exclude<ConstituencyImportKind, "organisations">[];

const cols = (alias: string, names: string[]) => sql.raw(names.map((c) => `${alias}.${c}`).join(", "));

function fragments(s: DiffScope) {
  const id = sql`${s.importId}::uuid`;
  const source = sql`${s.source}::text`;
  const staged = (kind: string, key: RawBuilder<unknown>) =>
    sql`exists (select 1 from constituency_import_rows r where r.import_id = ${id} and r.kind = ${kind} and r.source_key = ${key})`;
  const inCountries = (column: string) =>
    s.countries === null ? sql`true` : sql`${sql.raw(column)} = any(${s.countries}::text[])`;
  const orgInScope = (o: string) =>
    s.orgs !== null
      ? sql`${sql.raw(o)}.source_key = any(${s.orgs}::text[])`
      : s.byStagedOrgs
        ? staged("organisation", sql.raw(`${o}.source_key`))
        : sql`true`;
  /** Organisations the registry no longer has, in scope (edited or not). */
  const orgGone = (o: string) =>
    s.removeOrganisations
      ? sql`(${sql.raw(o)}.source = ${source} and not ${staged("organisation", sql.raw(`${o}.source_key`))}
          and ${inCountries(`${o}.registry_country`)} and ${orgInScope(o)})`
      : sql`false`;
  /** An organisation the import speaks for: staged, or gone. */
  const orgCovered = (o: string) =>
    sql`((${sql.raw(o)}.source = ${source} and ${staged("organisation", sql.raw(`${o}.source_key`))}) or ${orgGone(o)})`;
  return { id, source, staged, inCountries, orgInScope, orgGone, orgCovered };
}

/** The SQL of one child kind's diff, over staged rows `t`, records `n` and their organisations `eo`. */
function childSql(s: DiffScope, c: ChildTable) {
  const f = fragments(s);
  const table = sql.raw(c.table);
  const differs = sql`(eo.source, eo.source_key, ${cols("n", c.columns)}) is distinct from (${f.source}, t.org_key, ${cols("t", c.staged)})`;
  const orgMoves = sql`(eo.source, eo.source_key) is distinct from (${f.source}, t.org_key)`;
  // The target organisation already holds the same thing: adding or moving it there would double it.
  const held = sql`exists (select 1 from ${table} x join organisations xo on xo.id = x.organisation_id
    where xo.source = ${f.source} and xo.source_key = t.org_key and (${cols("x", c.natural)}) = (${cols("t", c.stagedNatural)}))`;
  const stagedFrom = sql`constituency_import_rows t
    left join ${table} n on n.source = ${f.source} and n.source_key = t.source_key
    left join organisations eo on eo.id = n.organisation_id`;
  const stagedWhere = sql`t.import_id = ${f.id} and t.kind = ${c.kind}`;
  const added = sql`n.id is null and not ${held}`;
  const changed = sql`n.id is not null and n.edited_at is null and ${differs} and not (${orgMoves} and ${held})`;
  const removalScope =
    c.kind === "network"
      ? sql`n.source = ${f.source} and not ${f.staged(c.kind, sql.raw("n.source_key"))}
          and ${f.inCountries("n.registry_country")} and ${f.orgInScope("eo")}`
      : sql`n.source = ${f.source} and not ${f.staged(c.kind, sql.raw("n.source_key"))} and ${f.orgCovered("eo")}`;
  return { table, differs, orgMoves, held, stagedFrom, stagedWhere, added, changed, removalScope, f };
}

const SAMPLES = 10;

export interface KindDiff {
  counts: ConstituencyImportCounts;
  samples: Partial<Record<keyof ConstituencyImportCounts, ConstituencyImportSample[]>>;
}

async function childDiff(db: Db, s: DiffScope, kind: keyof typeof CHILDREN): Promise<KindDiff> {
  const c = CHILDREN[kind];
  const q = childSql(s, c);
  const show = (alias: string) => sql.raw(c.show.replace(/\b(asn|domain|label|role|email)\b/g, `${alias}.$1`));
  // Whole-row conditions in WHERE, not inside count(*) filter: there PostgreSQL runs a subquery per row,
  // here it plans an anti-join (hashing both sides once).
  const notByKey = sql`not exists (select 1 from ${q.table} n where n.source = ${q.f.source} and n.source_key = t.source_key)`;
  const addedCount = await sql<{ n: number }>`
    select count(*)::int as n from constituency_import_rows t
    where ${q.stagedWhere} and ${notByKey} and not ${q.held}`.execute(db);
  const heldCount = await sql<{ n: number }>`
    select count(*)::int as n from constituency_import_rows t
    where ${q.stagedWhere} and ${notByKey} and ${q.held}`.execute(db);
  const matched = await sql<{ changed: number; kept: number }>`
    select count(*) filter (where ${q.changed})::int as changed,
      count(*) filter (where ${q.differs} and not (${q.changed}))::int as kept
    from constituency_import_rows t
      join ${q.table} n on n.source = ${q.f.source} and n.source_key = t.source_key
      join organisations eo on eo.id = n.organisation_id
    where ${q.stagedWhere} and ${q.differs}`.execute(db);
  const staged = {
    rows: [
      {
        added: addedCount.rows[0]?.n ?? 0,
        changed: matched.rows[0]?.changed ?? 0,
        kept: (heldCount.rows[0]?.n ?? 0) + (matched.rows[0]?.kept ?? 0),
      },
    ],
  };
  const removal = await sql<{ removed: number; kept: number }>`
    select count(*) filter (where n.edited_at is null)::int as removed,
      count(*) filter (where n.edited_at is not null)::int as kept
    from ${q.table} n join organisations eo on eo.id = n.organisation_id where ${q.removalScope}`.execute(db);
  const sample = async (where: RawBuilder<unknown>) =>
    (
      await sql<ConstituencyImportSample>`
        select t.source_key as key, t.org_key as organisation, ${show("t")} as what
        from ${q.stagedFrom} where ${q.stagedWhere} and ${where} order by t.file_index, t.line limit ${SAMPLES}`.execute(
        db,
      )
    ).rows;
  const removedSample = (
    await sql<ConstituencyImportSample>`
      select n.source_key as key, eo.name as organisation, ${show("n")} as what
      from ${q.table} n join organisations eo on eo.id = n.organisation_id
      where ${q.removalScope} and n.edited_at is null order by n.source_key limit ${SAMPLES}`.execute(db)
  ).rows;
  const a = staged.rows[0] ?? { added: 0, changed: 0, kept: 0 };
  const r = removal.rows[0] ?? { removed: 0, kept: 0 };
  return {
    counts: { added: a.added, changed: a.changed, removed: r.removed, kept: a.kept + r.kept },
    samples: { added: await sample(q.added), changed: await sample(q.changed), removed: removedSample },
  };
}

/** Nothing is left under the organisation once the import's removals are done. */
function orgEmptied(s: DiffScope, o: string): RawBuilder<unknown> {
  const f = fragments(s);
  const org = sql.raw(o);
  const gone = (table: string, kind: string) =>
    sql`not exists (select 1 from ${sql.raw(table)} c where c.organisation_id = ${org}.id
      and not (c.source = ${f.source} and c.edited_at is null${
        kind === "network"
          ? sql` and (${f.staged("network", sql.raw("c.source_key"))} or ${f.inCountries("c.registry_country")})`
          : sql``
      }))`;
  return sql`(${gone("organisation_networks", "network")} and ${gone("organisation_asns", "asn")}
    and ${gone("organisation_domains", "domain")} and ${gone("organisation_contacts", "contact")}
    and not exists (select 1 from organisation_url_prefixes p where p.organisation_id = ${org}.id)
    and not exists (select 1 from users u where u.organisation_id = ${org}.id)
    and not exists (select 1 from organisations k where k.parent_id = ${org}.id)
    and not exists (select 1 from constituency_inhibitions i where i.organisation_id = ${org}.id))`;
}

const ORG_DIFFERS = sql`(o.name, o.org_number, o.language, o.registry_country) is distinct from
  (t.name, t.org_number, t.language, t.country)`;

async function organisationDiff(db: Db, s: DiffScope): Promise<KindDiff> {
  const f = fragments(s);
  const from = sql`constituency_import_rows t left join organisations o on o.source = ${f.source} and o.source_key = t.source_key`;
  const where = sql`t.import_id = ${f.id} and t.kind = 'organisation'`;
  const changed = sql`o.id is not null and o.edited_at is null and ${ORG_DIFFERS}`;
  const staged = await sql<{ added: number; changed: number; kept: number }>`
    select count(*) filter (where o.id is null)::int as added, count(*) filter (where ${changed})::int as changed,
      count(*) filter (where o.edited_at is not null and ${ORG_DIFFERS})::int as kept
    from ${from} where ${where}`.execute(db);
  const removable = sql`o.edited_at is null and ${orgEmptied(s, "o")}`;
  const removal = await sql<{ removed: number; kept: number }>`
    select count(*) filter (where ${removable})::int as removed, count(*) filter (where not (${removable}))::int as kept
    from organisations o where ${f.orgGone("o")}`.execute(db);
  const sample = async (w: RawBuilder<unknown>) =>
    (
      await sql<ConstituencyImportSample>`select t.source_key as key, t.name as organisation, t.name as what
        from ${from} where ${where} and ${w} order by t.file_index, t.line limit ${SAMPLES}`.execute(db)
    ).rows;
  const removedSample = (
    await sql<ConstituencyImportSample>`select o.source_key as key, o.name as organisation, o.name as what
      from organisations o where ${f.orgGone("o")} and ${removable} order by o.source_key limit ${SAMPLES}`.execute(db)
  ).rows;
  const a = staged.rows[0] ?? { added: 0, changed: 0, kept: 0 };
  const r = removal.rows[0] ?? { removed: 0, kept: 0 };
  return {
    counts: { added: a.added, changed: a.changed, removed: r.removed, kept: a.kept + r.kept },
    samples: { added: await sample(sql`o.id is null`), changed: await sample(changed), removed: removedSample },
  };
}

/** The whole diff, per kind. */
export async function computeDiff(db: Db, s: DiffScope): Promise<Record<ConstituencyImportKind, KindDiff>> {
  const out = { organisations: await organisationDiff(db, s) } as Record<ConstituencyImportKind, KindDiff>;
  for (const kind of CHILD_KINDS) out[kind] = await childDiff(db, s, kind);
  return out;
}

/** Applies the diff (in the caller's transaction): removals, organisations, their records, then emptied organisations. */
export async function applyDiff(db: Db, s: DiffScope, now: Date): Promise<void> {
  const f = fragments(s);
  for (const kind of CHILD_KINDS) {
    const q = childSql(s, CHILDREN[kind]);
    await sql`delete from ${q.table} n using organisations eo
      where eo.id = n.organisation_id and ${q.removalScope} and n.edited_at is null`.execute(db);
  }
  await sql`
    insert into organisations (name, org_number, language, registry_country, origin, source, source_key, imported_at)
    select t.name, t.org_number, coalesce(t.language, 'sv'), t.country, 'automatic', ${f.source}, t.source_key, ${now}
    from constituency_import_rows t
    where t.import_id = ${f.id} and t.kind = 'organisation'
      and not exists (select 1 from organisations o where o.source = ${f.source} and o.source_key = t.source_key)`.execute(
    db,
  );
  await sql`
    update organisations o set name = t.name, org_number = t.org_number, language = coalesce(t.language, 'sv'),
      registry_country = t.country, imported_at = ${now}, updated_at = ${now}, version = o.version + 1
    from constituency_import_rows t
    where t.import_id = ${f.id} and t.kind = 'organisation' and o.source = ${f.source} and o.source_key = t.source_key
      and o.edited_at is null and ${ORG_DIFFERS}`.execute(db);
  // The organisations just added are joined by every statement below: plan with them counted.
  await sql`analyze organisations`.execute(db);
  for (const kind of CHILD_KINDS) {
    const c = CHILDREN[kind];
    const q = childSql(s, c);
    const assignments = sql.raw(c.columns.map((col, i) => `${col} = t.${c.staged[i] ?? col}`).join(", "));
    const touched = c.table === "organisation_contacts" ? sql`, updated_at = ${now}` : sql``;
    await sql`
      update ${q.table} n set organisation_id = no.id, ${assignments}, imported_at = ${now}${touched}
      from constituency_import_rows t, organisations eo, organisations no
      where ${q.stagedWhere} and n.source = ${f.source} and n.source_key = t.source_key and eo.id = n.organisation_id
        and no.source = ${f.source} and no.source_key = t.org_key
        and n.edited_at is null and ${q.differs} and not (${q.orgMoves} and ${q.held})`.execute(db);
    await sql`
      insert into ${q.table} (organisation_id, ${sql.raw(c.columns.join(", "))}, origin, source, source_key, imported_at)
      select no.id, ${cols("t", c.staged)}, 'automatic', ${f.source}, t.source_key, ${now}
      from constituency_import_rows t join organisations no on no.source = ${f.source} and no.source_key = t.org_key
      where ${q.stagedWhere}
        and not exists (select 1 from ${q.table} n where n.source = ${f.source} and n.source_key = t.source_key)
        and not ${q.held}`.execute(db);
  }
  await sql`delete from organisations o where ${f.orgGone("o")} and o.edited_at is null and ${orgEmptied(s, "o")}`.execute(
    db,
  );
}
