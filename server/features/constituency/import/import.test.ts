import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../../test/support/db.js";
import { fileOf, fixture, importCtx, registryOf, ripeFixtureFiles } from "./import.test-fixtures.js";
import { applyImport, readImport } from "./run-import.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await sql`delete from organisations`.execute(t.handle.db);
});

const ctx = () => importCtx(t.handle.db);

async function importRipe(options: { countries?: string[]; orgs?: string[]; replace?: Record<string, string> } = {}) {
  const preview = await readImport(ctx(), {
    format: "ripe",
    files: ripeFixtureFiles(options.replace),
    countries: options.countries,
    orgs: options.orgs,
  });
  return { preview, applied: await applyImport(ctx(), preview.id) };
}

describe("a RIPE import", () => {
  it("reads organisations, networks, AS numbers and abuse contacts of one country, and applies them", async () => {
    const preview = await readImport(ctx(), { format: "ripe", files: ripeFixtureFiles(), countries: ["se"] });
    expect(preview.status).toBe("preview");
    expect(preview.error_count).toBe(0);
    expect(preview.objects_read).toBe(16);
    expect(preview.counts).toEqual({
      organisations: { added: 3, changed: 0, removed: 0, kept: 0 },
      networks: { added: 3, changed: 0, removed: 0, kept: 0 },
      asns: { added: 1, changed: 0, removed: 0, kept: 0 },
      domains: { added: 0, changed: 0, removed: 0, kept: 0 },
      contacts: { added: 3, changed: 0, removed: 0, kept: 0 },
    });
    expect(preview.diff.networks?.added?.map((s) => s.what)).toEqual([
      "192.0.2.0/24",
      "198.51.100.7 - 198.51.100.20",
      "2001:db8::/32",
    ]);
    // Nothing is written before the apply.
    expect((await registryOf(t.handle.db)).orgs).toEqual([]);

    const applied = await applyImport(ctx(), preview.id);
    expect(applied.status).toBe("applied");
    const version = await sql<{ version: number }>`select version from constituency_registry_version`.execute(
      t.handle.db,
    );
    expect(version.rows[0]?.version).toBeGreaterThan(0);
    const registry = await registryOf(t.handle.db);
    expect(registry.orgs).toEqual([
      "automatic ORG-EA1-RIPE Exempel AB sv",
      "automatic ORG-KS2-RIPE Kommun Stad med bolag sv",
      "automatic ORG-LAT1-RIPE Göteborgs Hamn AB sv",
    ]);
    expect(registry.networks).toEqual([
      "ORG-EA1-RIPE 192.0.2.0/24 automatic",
      "ORG-EA1-RIPE 2001:db8::/32 automatic",
      "ORG-KS2-RIPE 198.51.100.7 - 198.51.100.20 automatic",
    ]);
    expect(registry.asns).toEqual(["ORG-EA1-RIPE AS64500 automatic"]);
    expect(registry.contacts).toEqual([
      "ORG-EA1-RIPE abuse abuse@exempel.se automatic",
      "ORG-KS2-RIPE abuse cert@kommun.se automatic",
      "ORG-LAT1-RIPE abuse cert@kommun.se automatic",
    ]);
    const net = await sql<{ first_address: string; last_address: string; source: string; registry_country: string }>`
      select host(first_address) as first_address, host(last_address) as last_address, source, registry_country
      from organisation_networks where label = '2001:db8::/32'`.execute(t.handle.db);
    expect(net.rows[0]).toEqual({
      first_address: "2001:db8::",
      last_address: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      source: "ripe",
      registry_country: "SE",
    });
    const audit = await sql<{ action: string }>`
      select action from audit_log where target_id = ${preview.id} order by id`.execute(t.handle.db);
    expect(audit.rows.map((r) => r.action)).toEqual(["constituency_import.read", "constituency_import.apply"]);
  });

  it("the same files again change nothing; a changed file shows as added, changed and removed", async () => {
    await importRipe({ countries: ["SE"] });
    const again = await readImport(ctx(), { format: "ripe", files: ripeFixtureFiles(), countries: ["SE"] });
    for (const counts of Object.values(again.counts))
      expect(counts).toEqual({ added: 0, changed: 0, removed: 0, kept: 0 });

    const inetnum = fixture("ripe.db.inetnum")
      .toString()
      .replace("org:            ORG-KS2-RIPE", "org:            ORG-EA1-RIPE")
      .replaceAll("192.0.2.0 - 192.0.2.255", "192.0.2.0 - 192.0.2.127");
    const organisation = fixture("ripe.db.organisation").toString("latin1").replace("Exempel AB", "Exempel Group AB");
    const { preview } = await importRipe({
      countries: ["SE"],
      replace: { "ripe.db.inetnum": inetnum, "ripe.db.organisation": organisation },
    });
    expect(preview.counts.networks).toEqual({ added: 1, changed: 1, removed: 1, kept: 0 });
    expect(preview.counts.organisations).toEqual({ added: 0, changed: 1, removed: 0, kept: 0 });
    expect((await registryOf(t.handle.db)).networks).toEqual([
      "ORG-EA1-RIPE 192.0.2.0/25 automatic",
      "ORG-EA1-RIPE 198.51.100.7 - 198.51.100.20 automatic",
      "ORG-EA1-RIPE 2001:db8::/32 automatic",
    ]);
  });

  it("leaves staff-edited and manual records alone, and says so", async () => {
    await importRipe({ countries: ["SE"] });
    const db = t.handle.db;
    await sql`update organisations set name = 'Exempel (staff)', edited_at = now() where source_key = 'ORG-EA1-RIPE'`.execute(
      db,
    );
    await sql`update organisation_networks set edited_at = now() where label = '2001:db8::/32'`.execute(db);
    await sql`insert into organisation_networks (organisation_id, first_address, last_address, label)
      select id, '10.0.0.0', '10.0.0.255', '10.0.0.0/24' from organisations where source_key = 'ORG-KS2-RIPE'`.execute(
      db,
    );
    const organisation = fixture("ripe.db.organisation").toString("latin1").replace("Exempel AB", "Exempel Renamed AB");
    const inet6num = "inet6num: 2001:db8:1::/48\ncountry: SE\norg: ORG-EA1-RIPE\nsource: RIPE\n";
    const { preview } = await importRipe({
      countries: ["SE"],
      replace: { "ripe.db.organisation": organisation, "ripe.db.inet6num": inet6num },
    });
    expect(preview.counts.organisations).toMatchObject({ changed: 0, kept: 1 });
    expect(preview.counts.networks).toEqual({ added: 1, changed: 0, removed: 0, kept: 1 });
    const registry = await registryOf(db);
    expect(registry.orgs[0]).toBe("automatic ORG-EA1-RIPE Exempel (staff) sv");
    expect(registry.networks).toContain("ORG-EA1-RIPE 2001:db8::/32 automatic");
    expect(registry.networks).toContain("ORG-KS2-RIPE 10.0.0.0/24 manual");
  });

  it("importing one country never removes another's records", async () => {
    await importRipe({ countries: ["SE"] });
    await importRipe({ countries: ["NO"] });
    const registry = await registryOf(t.handle.db);
    expect(registry.orgs.map((o) => o.split(" ")[1])).toEqual([
      "ORG-EA1-RIPE",
      "ORG-KS2-RIPE",
      "ORG-LAT1-RIPE",
      "ORG-NO1-RIPE",
    ]);
    expect(registry.networks).toContain("ORG-EA1-RIPE 192.0.2.0/24 automatic");
    expect(registry.networks).toContain("ORG-NO1-RIPE 203.0.113.0/24 automatic");
    // The Swedish networks gone from the file: removed, the Norwegian stay.
    const { preview } = await importRipe({
      countries: ["SE"],
      replace: { "ripe.db.inetnum": "", "ripe.db.inet6num": "" },
    });
    expect(preview.counts.networks).toMatchObject({ added: 0, removed: 3 });
    expect((await registryOf(t.handle.db)).networks).toEqual([
      "ORG-NO1-RIPE 2001:db8:ffff::/48 automatic",
      "ORG-NO1-RIPE 203.0.113.0/24 automatic",
    ]);
  });

  it("filters by organisation handles", async () => {
    const { preview } = await importRipe({ orgs: ["ORG-NO1-RIPE"] });
    expect(preview.counts.networks?.added).toBe(2);
    const registry = await registryOf(t.handle.db);
    expect(registry.orgs).toEqual(["automatic ORG-NO1-RIPE Norsk Nett AS en"]);
    expect(registry.asns).toEqual(["ORG-NO1-RIPE AS64511 automatic"]);
  });

  it("reports malformed objects and bad values by line, and then applies nothing unless told to skip them", async () => {
    const inetnum = `${fixture("ripe.db.inetnum").toString()}
inetnum:        192.0.2.200 - 192.0.2.100
country:        SE
org:            ORG-EA1-RIPE

inetnum:        10.0.0.0 - 10.0.0.255
this line has no colon
country:        SE
org:            ORG-EA1-RIPE

inetnum:        10.1.0.0 - 10.1.0.255
country:        SE
org:            ORG-MISSING-RIPE
`;
    const files = ripeFixtureFiles({ "ripe.db.inetnum": inetnum });
    const preview = await readImport(ctx(), { format: "ripe", files, countries: ["SE"] });
    expect(preview.errors).toEqual([
      {
        file: "ripe.db.inetnum",
        line: 38,
        message: "inetnum 192.0.2.200 - 192.0.2.100: the range starts after it ends",
      },
      { file: "ripe.db.inetnum", line: 43, message: "not an attribute (`name: value`)" },
      { file: "ripe.db.inetnum", line: 47, message: "org ORG-MISSING-RIPE: no organisation object in the files" },
    ]);
    await expect(applyImport(ctx(), preview.id)).rejects.toMatchObject({ code: "constituency_import_has_errors" });
    expect((await registryOf(t.handle.db)).networks).toEqual([]);

    const skipping = await readImport(ctx(), { format: "ripe", files, countries: ["SE"], skipInvalid: true });
    await applyImport(ctx(), skipping.id);
    expect((await registryOf(t.handle.db)).networks).toHaveLength(3);
    await expect(applyImport(ctx(), skipping.id)).rejects.toMatchObject({ code: "constituency_import_not_preview" });
  });
});

describe("a CSV import", () => {
  const csv = `Organisation name,Org number,Network,Domain,ASN,Contact e-mail,Role,Language
Exempel AB,556000-0001,192.0.2.0/24,,,abuse@exempel.se,abuse,sv
Exempel AB,556000-0001,,exempel.se,,,,
Exempel AB,556000-0001,,,AS64500,soc@exempel.se,security,en
Räksmörgås Kommun,212000-0001,198.51.100.7 - 198.51.100.20,räksmörgås.se,,,,
`;

  it("reads one row per network, domain or AS number, with punycode for IDN domains", async () => {
    const preview = await readImport(ctx(), { format: "csv", files: [fileOf("c.csv", csv)] });
    expect(preview.error_count).toBe(0);
    await applyImport(ctx(), preview.id);
    const registry = await registryOf(t.handle.db);
    expect(registry.orgs).toEqual([
      "automatic 212000-0001 Räksmörgås Kommun sv",
      "automatic 556000-0001 Exempel AB sv",
    ]);
    expect(registry.networks).toEqual([
      "212000-0001 198.51.100.7 - 198.51.100.20 automatic",
      "556000-0001 192.0.2.0/24 automatic",
    ]);
    expect(registry.contacts).toEqual([
      "556000-0001 abuse abuse@exempel.se automatic",
      "556000-0001 security soc@exempel.se automatic",
    ]);
    const domains = await sql<{ domain: string }>`select domain from organisation_domains order by 1`.execute(
      t.handle.db,
    );
    expect(domains.rows.map((d) => d.domain)).toEqual(["exempel.se", "xn--rksmrgs-5wao1o.se"]);
  });

  it("a second file speaks only for the organisations it names", async () => {
    await applyImport(ctx(), (await readImport(ctx(), { format: "csv", files: [fileOf("c.csv", csv)] })).id);
    const second = "name,org number,network\nExempel AB,556000-0001,192.0.2.0/25\n";
    const preview = await readImport(ctx(), { format: "csv", files: [fileOf("d.csv", second)] });
    expect(preview.counts.networks).toEqual({ added: 1, changed: 0, removed: 1, kept: 0 });
    expect(preview.counts.organisations).toEqual({ added: 0, changed: 0, removed: 0, kept: 0 });
    await applyImport(ctx(), preview.id);
    expect((await registryOf(t.handle.db)).networks).toEqual([
      "212000-0001 198.51.100.7 - 198.51.100.20 automatic",
      "556000-0001 192.0.2.0/25 automatic",
    ]);
  });

  it("reports bad cells by line", async () => {
    const bad = `name,network,domain,asn,email,role
A,192.0.2.0/33,,,,
B,,not a domain,,,
C,,,AS4294967296,,
D,10.0.0.1 - 10.0.0.0,,,,
E,,,,someone,abuse
F,,,,x@example.se,boss
`;
    const preview = await readImport(ctx(), { format: "csv", files: [fileOf("bad.csv", bad)] });
    expect(preview.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      "2: network 192.0.2.0/33: the prefix length must be 0–32",
      "3: not a domain name: not a domain",
      "4: not an AS number (0–4294967295): AS4294967296",
      "5: network 10.0.0.1 - 10.0.0.0: the range starts after it ends",
      "6: not an e-mail address: someone",
      "7: role must be one of abuse, security, management, technical, 24x7, not boss",
    ]);
  });
});
