import { beforeAll, describe, expect, it } from "vitest";
import type {
  Contact,
  DoubleClaimList,
  Network,
  Organisation,
  OrganisationList,
  UnverifiedContactList,
} from "../../../contract/constituency.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { loadOpenPgp } from "../../platform/openpgp.js";
import { constituencyClient, uniqueDomain, uniqueNet4, uniqueNet6 } from "./constituency.test-fixtures.js";

const app = useTestApp({ FYR_LOG_LEVEL: "error" });
const { call, createOrganisation } = constituencyClient(app);

let admin = "";
let duty = "";
let analyst = "";
let observer = "";
let publisher = "";

beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

async function publicKey(options: { expired?: boolean } = {}): Promise<string> {
  const pgp = await loadOpenPgp();
  const day = 24 * 3600;
  const { publicKey: armored } = await pgp.generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: "Abuse", email: "abuse@example.se" }],
    format: "armored",
    ...(options.expired ? { date: new Date(Date.now() - 10 * day * 1000), keyExpirationTime: day } : {}),
  });
  return armored;
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await app()
    .fyr.deps.db.selectFrom("audit_log")
    .select("action")
    .where("target_id", "=", targetId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("organisations", () => {
  it("duty registers an organisation with networks, AS numbers, domains and contacts; everyone reading sees it all", async () => {
    const net = uniqueNet4();
    const key = await publicKey();
    const org = await createOrganisation(duty, {
      name: "Kommunen AB",
      orgNumber: "212000-0001",
      sector: "energy",
      nis2Entity: "essential",
      language: "sv",
      networks: [`${net}.0.0/16`, `${uniqueNet6()}::/48`, `${net}.1.7 - ${net}.1.20`],
      asns: [64500],
      domains: ["Räksmörgås-Kommun.SE."],
      urlPrefixes: ["https://hosting.example/kommunen/"],
      contacts: [
        { email: "Abuse@Kommunen.se", role: "abuse", pgpKey: key },
        { email: "soc@kommunen.se", role: "24x7", language: "en", phone: "+46 8 123 456" },
      ],
      notification: { interval: "hourly" },
    });
    expect(org).toMatchObject({
      name: "Kommunen AB",
      orgNumber: "212000-0001",
      nis2Entity: "essential",
      notification: { interval: "hourly" },
      origin: "manual",
      version: 1,
      asns: [{ asn: 64500 }],
      domains: [{ domain: "xn--rksmrgs-kommun-5hbv00a.se", unicode: "räksmörgås-kommun.se" }],
      urlPrefixes: [{ prefix: "https://hosting.example/kommunen/" }],
    });
    expect(org.networks.map((n) => n.label)).toEqual([
      `${net}.0.0/16`,
      `${net}.1.7 - ${net}.1.20`,
      expect.stringMatching(/^2001:db8:[0-9a-f]+::\/48$/),
    ]);
    expect(org.networks[1]?.cidrs).toEqual([`${net}.1.7/32`, `${net}.1.8/29`, `${net}.1.16/30`, `${net}.1.20/32`]);
    const abuse = org.contacts.find((c) => c.role === "abuse");
    expect(abuse).toMatchObject({ email: "abuse@kommunen.se", language: "sv", pgpExpired: false, unverified: true });
    expect(abuse?.pgpFingerprint).toMatch(/^[0-9A-F]{40}$/);
    for (const token of [observer, analyst, admin]) {
      const read = await call(token, "GET", `/api/v1/organisations/${org.id}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json<Organisation>().networks).toHaveLength(3);
    }
    expect(await auditActions(org.id)).toEqual(["constituency.organisation_created"]);
  });

  it("refuses an observer's, an analyst's and a publisher's writes (403), and a publisher's reads", async () => {
    const org = await createOrganisation(admin);
    for (const token of [observer, analyst, publisher]) {
      expect((await call(token, "POST", "/api/v1/organisations", { name: "Nej AB" })).statusCode).toBe(403);
      expect(
        (await call(token, "PATCH", `/api/v1/organisations/${org.id}`, { version: 1, name: "x" })).statusCode,
      ).toBe(403);
      expect(
        (await call(token, "POST", `/api/v1/organisations/${org.id}/networks`, { network: "192.0.2.0/24" })).statusCode,
      ).toBe(403);
      expect(
        (await call(token, "POST", `/api/v1/organisations/${org.id}/contacts`, { email: "a@b.se", role: "abuse" }))
          .statusCode,
      ).toBe(403);
    }
    expect((await call(publisher, "GET", `/api/v1/organisations/${org.id}`)).statusCode).toBe(403);
    expect((await call(publisher, "GET", "/api/v1/constituency/match?ip=192.0.2.1")).statusCode).toBe(403);
  });

  it("names every bad network, AS number, domain and URL prefix in one 400, and writes nothing", async () => {
    const name = `Fel ${uniqueDomain()}`;
    const res = await call(duty, "POST", "/api/v1/organisations", {
      name,
      networks: ["192.0.2.5/24", "192.0.2.20 - 192.0.2.10", "192.0.2.0/33", "nonsense", "192.0.2.1 - 2001:db8::1"],
      asns: [0, 4294967295, 4294967296],
      domains: ["exa mple.se", "192.0.2.1"],
      urlPrefixes: ["ftp://example.se/"],
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { path: string; code: string }[] }>().errors;
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["body.networks.0", "network_host_bits"],
      ["body.networks.1", "network_reversed"],
      ["body.networks.2", "invalid_prefix_length"],
      ["body.networks.3", "invalid_network"],
      ["body.networks.4", "network_mixed_families"],
      ["body.asns.0", "asn_reserved"],
      ["body.asns.1", "asn_reserved"],
      ["body.asns.2", "asn_out_of_range"],
      ["body.domains.0", "invalid_domain"],
      ["body.domains.1", "invalid_domain"],
      ["body.urlPrefixes.0", "invalid_url_prefix"],
    ]);
    const list = await call(duty, "GET", `/api/v1/organisations?q=${encodeURIComponent(name)}`);
    expect(list.json<OrganisationList>().items).toEqual([]);
    const badKey = await call(duty, "POST", "/api/v1/organisations", {
      name,
      contacts: [{ email: "a@example.se", role: "abuse", pgpKey: "not a key" }],
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json()).toMatchObject({ errors: [{ path: "body.contacts.0.pgpKey" }] });
    const badRole = await call(duty, "POST", "/api/v1/organisations", {
      name,
      contacts: [{ email: "not-an-address", role: "boss" }],
    });
    expect(badRole.statusCode).toBe(400);
    expect(
      badRole
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(["body.contacts.0.email", "body.contacts.0.role"]);
  });

  it("changes an organisation with its version (a stale one is 409), parents and children, no loops", async () => {
    const parent = await createOrganisation(duty, { name: "Moderkommun" });
    const child = await createOrganisation(duty, { name: "Kommunbolaget", parentId: parent.id });
    const changed = await call(duty, "PATCH", `/api/v1/organisations/${child.id}`, {
      version: 1,
      name: "Kommunbolaget AB",
      tags: ["kommun"],
      notification: { interval: "weekly" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Organisation>()).toMatchObject({
      version: 2,
      name: "Kommunbolaget AB",
      tags: ["kommun"],
      parent: { id: parent.id, name: "Moderkommun" },
      notification: { interval: "weekly" },
    });
    const stale = await call(duty, "PATCH", `/api/v1/organisations/${child.id}`, { version: 1, name: "x" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict" });
    const read = await call(observer, "GET", `/api/v1/organisations/${parent.id}`);
    expect(read.json<Organisation>().children).toEqual([{ id: child.id, name: "Kommunbolaget AB" }]);
    const loop = await call(duty, "PATCH", `/api/v1/organisations/${parent.id}`, { version: 1, parentId: child.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json()).toMatchObject({ code: "organisation_parent_invalid", errors: [{ path: "body.parentId" }] });
    expect(await auditActions(child.id)).toEqual([
      "constituency.organisation_created",
      "constituency.organisation_updated",
    ]);
  });

  it("a staff edit of an imported organisation or contact marks it edited, so an import leaves it alone", async () => {
    const db = app().fyr.deps.db;
    const org = await db
      .insertInto("organisations")
      .values({
        name: "Importerad AB",
        origin: "automatic",
        source: "ripe",
        source_key: `ORG-${uniqueDomain()}`,
        imported_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contact = await db
      .insertInto("organisation_contacts")
      .values({
        organisation_id: org.id,
        email: "noc@importerad.se",
        role: "abuse",
        origin: "automatic",
        source: "ripe",
        source_key: `c-${uniqueDomain()}`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const changed = await call(duty, "PATCH", `/api/v1/organisations/${org.id}`, { version: 1, notes: "Ring före 9" });
    expect(changed.json<Organisation>()).toMatchObject({
      origin: "automatic",
      source: "ripe",
      editedAt: expect.any(String),
    });
    const c = await call(duty, "PATCH", `/api/v1/organisations/${org.id}/contacts/${contact.id}`, { phone: "+46 8 1" });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json<Contact>()).toMatchObject({ origin: "automatic", editedAt: expect.any(String), phone: "+46 8 1" });
  });

  it("adds and removes each kind of holding, contacts and inhibitions; each write audited", async () => {
    const org = await createOrganisation(duty);
    const net = uniqueNet4();
    const base = `/api/v1/organisations/${org.id}`;
    const added = await call(duty, "POST", `${base}/networks`, { network: `${net}.0.0/24` });
    expect(added.statusCode, added.body).toBe(201);
    const network = added.json<Network>();
    expect(network).toMatchObject({ label: `${net}.0.0/24`, first: `${net}.0.0`, last: `${net}.0.255`, family: 4 });
    expect((await call(duty, "POST", `${base}/networks`, { network: `${net}.0.0 - ${net}.0.255` })).statusCode).toBe(
      409,
    );
    const bad = await call(duty, "POST", `${base}/networks`, { network: `${net}.0.9/24` });
    expect(bad.json()).toMatchObject({ errors: [{ path: "body.network", code: "network_host_bits" }] });
    const asn = await call(duty, "POST", `${base}/asns`, { asn: 64501 });
    expect(asn.statusCode).toBe(201);
    const domain = await call(duty, "POST", `${base}/domains`, { domain: "Exempel.se" });
    expect(domain.json()).toMatchObject({ domain: "exempel.se" });
    const prefix = await call(duty, "POST", `${base}/url-prefixes`, { prefix: "https://cdn.example/exempel/" });
    expect(prefix.statusCode).toBe(201);
    const contact = await call(duty, "POST", `${base}/contacts`, {
      email: "cert@exempel.se",
      role: "security",
      pgpKey: await publicKey({ expired: true }),
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json<Contact>()).toMatchObject({ pgpExpired: true, language: "sv" });
    expect(
      (await call(duty, "POST", `${base}/contacts`, { email: "cert@exempel.se", role: "security" })).statusCode,
    ).toBe(409);
    const inhibition = await call(duty, "POST", `${base}/inhibitions`, {
      networkId: network.id,
      classificationTypes: ["scanner", "*"],
      reason: "Deras egna skanningar",
    });
    expect(inhibition.statusCode, inhibition.body).toBe(201);
    expect(inhibition.json()).toMatchObject({ network: { id: network.id }, active: true });
    const badType = await call(duty, "POST", `${base}/inhibitions`, { classificationTypes: ["nope"] });
    expect(badType.json()).toMatchObject({ errors: [{ path: "body.classificationTypes.0" }] });

    const read = (await call(observer, "GET", base)).json<Organisation>();
    expect(read.version).toBe(7);
    for (const [path, id] of [
      ["networks", network.id],
      ["asns", asn.json<{ id: string }>().id],
      ["domains", domain.json<{ id: string }>().id],
      ["url-prefixes", prefix.json<{ id: string }>().id],
      ["contacts", contact.json<{ id: string }>().id],
    ] as const) {
      expect((await call(duty, "DELETE", `${base}/${path}/${id}`)).statusCode).toBe(204);
      expect((await call(duty, "DELETE", `${base}/${path}/${id}`)).statusCode).toBe(404);
    }
    const after = (await call(observer, "GET", base)).json<Organisation>();
    // The network's inhibition went with it.
    expect([after.networks, after.asns, after.domains, after.urlPrefixes, after.contacts, after.inhibitions]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(await auditActions(org.id)).toEqual([
      "constituency.organisation_created",
      "constituency.network_added",
      "constituency.asn_added",
      "constituency.domain_added",
      "constituency.url_prefix_added",
      "constituency.contact_added",
      "constituency.inhibition_added",
      "constituency.network_removed",
      "constituency.asn_removed",
      "constituency.domain_removed",
      "constituency.url_prefix_removed",
      "constituency.contact_removed",
    ]);
  });

  it("finds organisations by name, number, an address in a network, a domain or subdomain, an ASN, a contact", async () => {
    const net = uniqueNet4();
    const tag = uniqueDomain().split(".")[0] ?? "x";
    const org = await createOrganisation(duty, {
      name: `Sökbar ${tag}`,
      orgNumber: `55${tag.slice(-6)}`,
      networks: [`${net}.4.0/22`],
      asns: [4200000001],
      domains: [`${tag}.se`],
      contacts: [{ email: `kalle-${tag}@x.se`, name: `Kalle ${tag}`, role: "technical" }],
    });
    for (const q of [`sökbar ${tag}`, `${net}.5.77`, `www.${tag}.se`, "AS4200000001", `kalle-${tag}`, `Kalle ${tag}`]) {
      const res = await call(observer, "GET", `/api/v1/organisations?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(
        res.json<OrganisationList>().items.map((i) => i.id),
        q,
      ).toContain(org.id);
    }
    const none = await call(observer, "GET", `/api/v1/organisations?q=${net}.9.1`);
    expect(none.json<OrganisationList>().items.map((i) => i.id)).not.toContain(org.id);
    const summary = (
      await call(observer, "GET", `/api/v1/organisations?q=${encodeURIComponent(`sökbar ${tag}`)}`)
    ).json<OrganisationList>();
    expect(summary.items[0]).toMatchObject({ networks: 1, domains: 1, contacts: 1 });
  });

  it("pages the directory by keyset", async () => {
    const tag = uniqueDomain().split(".")[0] ?? "x";
    for (let i = 0; i < 5; i++) await createOrganisation(duty, { name: `Sida ${tag} ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        observer,
        "GET",
        `/api/v1/organisations?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const page: OrganisationList = res.json<OrganisationList>();
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Sida ${tag} ${i}`));
    expect((await call(observer, "GET", "/api/v1/organisations?cursor=bad")).json()).toMatchObject({
      code: "invalid_cursor",
    });
  });

  it("lists a range claimed by two organisations, and contacts nobody confirmed for a year", async () => {
    const net = `${uniqueNet4()}.8.0/24`;
    const a = await createOrganisation(duty, {
      name: "Först AB",
      networks: [net],
      contacts: [{ email: "a@forst.se", role: "abuse" }],
    });
    const b = await createOrganisation(duty, { name: "Sedan AB", networks: [net] });
    let claims: DoubleClaimList["items"] = [];
    let cursor: string | null = null;
    do {
      const page: DoubleClaimList = (
        await call(observer, "GET", `/api/v1/constituency/double-claims?limit=100${cursor ? `&cursor=${cursor}` : ""}`)
      ).json<DoubleClaimList>();
      claims = claims.concat(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const claim = claims.find((c) => c.label === net);
    expect(claim?.claims.map((c) => c.organisation.id).sort()).toEqual([a.id, b.id].sort());
    const shown = (await call(observer, "GET", `/api/v1/organisations/${a.id}`)).json<Organisation>();
    expect(shown.networks[0]?.alsoClaimedBy).toEqual([{ id: b.id, name: "Sedan AB" }]);

    const contactId = a.contacts[0]?.id ?? "";
    const unverified = await call(observer, "GET", "/api/v1/constituency/unverified-contacts?limit=500");
    expect(unverified.json<UnverifiedContactList>().items.map((c) => c.id)).toContain(contactId);
    await app()
      .fyr.deps.db.updateTable("organisation_contacts")
      .set({ last_verified_at: new Date() })
      .where("id", "=", contactId)
      .execute();
    const after = await call(observer, "GET", "/api/v1/constituency/unverified-contacts?limit=500");
    expect(after.json<UnverifiedContactList>().items.map((c) => c.id)).not.toContain(contactId);
  });

  it("exports the directory as CSV and vCard", async () => {
    const tag = uniqueDomain().split(".")[0] ?? "x";
    await createOrganisation(duty, {
      name: `=Export ${tag}`,
      networks: [`${uniqueNet4()}.0.0/16`],
      contacts: [{ email: `e-${tag}@x.se`, name: "Eva, Ek", role: "abuse", phone: "+46 1" }],
    });
    const csv = await call(observer, "GET", "/api/v1/organisations/export?format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFForganisation_id,organisation,")).toBe(true);
    const line = csv.body.split("\r\n").find((l) => l.includes(`e-${tag}@x.se`));
    expect(line).toContain(`'=Export ${tag}`);
    expect(line).toContain('"Eva, Ek"');
    const vcf = await call(observer, "GET", "/api/v1/organisations/export?format=vcard");
    expect(vcf.headers["content-type"]).toContain("text/vcard");
    expect(vcf.body).toContain(`EMAIL;TYPE=work:e-${tag}@x.se`);
    expect(vcf.body).toContain("FN:Eva\\, Ek");
    expect((await call(publisher, "GET", "/api/v1/organisations/export")).statusCode).toBe(403);
  });
});
