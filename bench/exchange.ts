import { performance } from "node:perf_hooks";
import { cutDown } from "../server/features/exchange/shareable-incident.js";
import { incidentStixBundle } from "../server/features/exchange/stix-bundle.js";
import type { ExportValueRow } from "../server/features/exchange/export-store.js";
import { mispFeedBench } from "./misp-feed.js";
import { taxiiPagesBench } from "./taxii-pages.js";
import { decideSharing, type IncidentSharing, type Material } from "../server/features/sharing/index.js";

// `npm run bench exchange`: the STIX bundle of an incident with 10,000 observables, built the way the
// export builds it (every value through the sharing decision, then serialised). Target < 1 s.
// Then the TAXII target (taxii-pages.ts): a collection of 1,000,000 objects pages at p95 < 50 ms per page
// of 1,000. Then the MISP feed manifest of 10,000 events, cold and cached (misp-feed.ts), target < 200 ms.
// `FYR_BENCH_TAXII=0` skips the TAXII pages.

function sharingFor(): IncidentSharing {
  const material = (kind: Material["kind"]): Material => ({
    kind,
    tlp: "TLP:GREEN",
    pap: "PAP:GREEN",
    consent: kind === "observable" ? { data: "third-parties" } : { information: "third-parties" },
    namedRecipients: [],
    affectedOrganisations: [],
  });
  return {
    id: "bench",
    reference: "FYR-INC-2026-9999",
    tlp: "TLP:GREEN",
    pap: "PAP:GREEN",
    material,
    observable: () => material("observable"),
    decide: decideSharing,
  };
}

/** Builds and serialises the bundle of 10,000 values five times; reports the slowest and median. */
export async function exchangeBench(): Promise<{ stixBundle10kMs: { median: number; max: number } }> {
  const now = new Date("2026-12-01T10:00:00Z");
  const values: ExportValueRow[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: i + 1,
    type: i % 2 === 0 ? "ipv4" : "domain",
    value: i % 2 === 0 ? `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : `host-${i}.example.com`,
    tag: null,
    first_seen: now,
    last_seen: now,
  }));
  const head = {
    id: "bench",
    reference: "FYR-INC-2026-9999",
    title: "Bench",
    status: "open" as const,
    severity: "high" as const,
    rsit_class: null,
    rsit_type: null,
    created_at: now,
    updated_at: now,
  };
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const shared = cutDown(sharingFor(), head, [], values, {
      kind: "partner",
      organisationId: "",
      maxTlp: "TLP:GREEN",
    });
    JSON.stringify(incidentStixBundle(shared, { producer: "cert.example" }));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = { stixBundle10kMs: { median: Math.round(times[2] ?? 0), max: Math.round(times[4] ?? 0) } };
  console.log(JSON.stringify(result));
  if (process.env.FYR_BENCH_TAXII !== "0") await taxiiPagesBench();
  await mispFeedBench();
  return result;
}
