import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { OrganisationCreate } from "../../../contract/constituency.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { type BlobStore, createBlobStore } from "../../platform/files/blobs.js";
import { createOrganisation } from "../constituency/index.js";
import { presentRun } from "./present.js";
import { registryOwners } from "./registry-owners.js";
import { runFeedFile } from "./run-feed-file.js";
import { insertSource } from "./sources-store.js";

// Feed events get their owner from the constituency registry as they are stored (issue 15).

let t: TestDatabase;
let blobs: BlobStore;
const dir = mkdtempSync(join(tmpdir(), "fyr-feed-owners-"));
beforeAll(async () => {
  t = await createTestDatabase();
  blobs = createBlobStore(dir);
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ({ db: t.handle.db, actor: systemActor("test"), clock: systemClock });
const net = () => `10.${randomBytes(1)[0] ?? 0}.${randomBytes(1)[0] ?? 0}`;

function csv(rows: string[]): string {
  return ['"timestamp","ip","port","hostname","tag","asn","geo"', ...rows].join("\n") + "\n";
}

describe("owners of feed events", () => {
  it("the most specific registry owner is stored with each event and the run counts matched and unmatched", async () => {
    const prefix = net();
    const provider = await createOrganisation(
      base(),
      OrganisationCreate.parse({ name: `Leverantör ${randomBytes(3).toString("hex")}`, networks: [`${prefix}.0/24`] }),
    );
    const customer = await createOrganisation(
      base(),
      OrganisationCreate.parse({ name: `Kund ${randomBytes(3).toString("hex")}`, networks: [`${prefix}.64/26`] }),
    );
    const source = `owners-${randomBytes(4).toString("hex")}`;
    await insertSource(t.handle.db, { name: source, format: "shadowserver", report_type: "scan_rdp" });
    const run = await runFeedFile(
      { ...base(), blobs, owners: registryOwners(base()) },
      {
        source,
        fileName: "scan_rdp.csv",
        via: "cli",
        body: Readable.from([
          csv([
            `"2026-11-30 10:00:00","${prefix}.10",3389,,"rdp",64500,"SE"`,
            `"2026-11-30 10:00:00","${prefix}.70",3389,,"rdp",64500,"SE"`,
            `"2026-11-30 10:00:00","192.0.2.1",3389,,"rdp",64500,"SE"`,
          ]),
        ]),
      },
    );
    expect(presentRun(run)).toMatchObject({ events: 3, matched: 2, unmatched: 1 });
    const events = await t.handle.db
      .selectFrom("feed_events")
      .select(["source_ip", "organisation_id", "matched_by"])
      .where("run_id", "=", run.id)
      .orderBy("line")
      .execute();
    expect(events).toEqual([
      { source_ip: `${prefix}.10`, organisation_id: provider.id, matched_by: "network" },
      { source_ip: `${prefix}.70`, organisation_id: customer.id, matched_by: "network" },
      { source_ip: "192.0.2.1", organisation_id: null, matched_by: null },
    ]);
  });
});
