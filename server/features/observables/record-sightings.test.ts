import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TypedValue } from "../../../contract/observables.js";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { type NewSighting, recordSightings, replaceSourceSightings } from "./record-sightings.js";
import { uniqueDomain } from "./observables.test-fixtures.js";

// The bulk writer on its own: values stored once, sightings written once, sources replaced whole, and
// two writers storing the same new value at the same time both keep their sightings.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const domain = (): TypedValue => ({ type: "domain", value: uniqueDomain() });
const sighting = (value: TypedValue, caseId: string, originId = caseId): NewSighting => ({
  value,
  caseKind: "report",
  caseId,
  origin: "report-message",
  originId,
  seenAt: new Date("2026-11-30T03:00:00Z"),
});

async function sightingsOf(value: TypedValue): Promise<string[]> {
  const rows = await sql<{ case_id: string }>`select s.case_id from sightings s
    join observables o on o.id = s.observable_id
    where o.type = ${value.type} and o.value = ${value.value} order by s.case_id`.execute(t.handle.db);
  return rows.rows.map((r) => r.case_id);
}

describe("recording sightings", () => {
  it("stores a value once and a sighting given twice once, across batches of 10,000", async () => {
    const [known, fresh] = [domain(), domain()];
    await recordSightings(t.handle.db, [sighting(known, randomUUID())]);
    const caseId = randomUUID();
    const many = Array.from({ length: 12_000 }, () => sighting(domain(), caseId));
    const batch = [sighting(known, caseId), sighting(fresh, caseId), ...many, sighting(fresh, caseId)];
    expect(await recordSightings(t.handle.db, batch)).toBe(12_002);
    expect(await sightingsOf(fresh)).toEqual([caseId]);
    const stored = await sql<{ n: number }>`select count(*)::int as n from observables
      where value = ${known.value} or value = ${fresh.value}`.execute(t.handle.db);
    expect(stored.rows[0]?.n).toBe(2);
  });

  it("replaces a source's sightings whole when it is read again", async () => {
    const [kept, dropped, added] = [domain(), domain(), domain()];
    const [caseId, source] = [randomUUID(), randomUUID()];
    const from = { caseId, origin: "report-message" as const, originId: source };
    await replaceSourceSightings(
      t.handle.db,
      [from],
      [sighting(kept, caseId, source), sighting(dropped, caseId, source)],
    );
    await replaceSourceSightings(
      t.handle.db,
      [from],
      [sighting(kept, caseId, source), sighting(added, caseId, source)],
    );
    expect(await sightingsOf(kept)).toEqual([caseId]);
    expect(await sightingsOf(dropped)).toEqual([]);
    expect(await sightingsOf(added)).toEqual([caseId]);
  });

  it("adds a hand-added value again without error or a second row", async () => {
    const [value, caseId] = [domain(), randomUUID()];
    const manual = { ...sighting(value, caseId), origin: "manual" as const };
    expect(await recordSightings(t.handle.db, [manual], { ifAbsent: true })).toBe(1);
    expect(await recordSightings(t.handle.db, [manual], { ifAbsent: true })).toBe(0);
    expect(await sightingsOf(value)).toEqual([caseId]);
  });

  it.skipIf(!testDatabaseUrl())(
    "keeps both writers' sightings when two store the same new value at once (PostgreSQL)",
    async () => {
      const value = domain();
      const [first, second] = [randomUUID(), randomUUID()].sort();
      let secondStarted: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (secondStarted = resolve));
      // The first holds the new value uncommitted while the second tries to store it: the second waits
      // on the unique index, finds it taken when the first commits, and must look it up again.
      const one = t.handle.db.transaction().execute(async (tx) => {
        await recordSightings(tx, [sighting(value, first ?? "")]);
        await started;
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      const two = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        secondStarted();
        return t.handle.db.transaction().execute((tx) => recordSightings(tx, [sighting(value, second ?? "")]));
      })();
      await one;
      expect(await two).toBe(1);
      expect(await sightingsOf(value)).toEqual([first, second]);
    },
  );
});
