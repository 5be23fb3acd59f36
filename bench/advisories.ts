import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { buildFyr } from "../server/app.js";
import { insertStaffUser } from "../server/features/accounts/create-user.js";
import { issueToken } from "../server/features/accounts/tokens.js";
import { caller, publishedAdvisory, writeCertKey } from "../server/features/advisories/test-fixtures.js";
import { loadCsafValidator } from "../server/features/advisories/index.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { loadConfig } from "../server/platform/config.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { createLogger } from "../server/platform/log.js";
import { helloWorldCeiling } from "./lib/ceiling.js";
import { scratchDatabase } from "./lib/server.js";
import { percentile } from "./lib/stats.js";

// Advisories (issue 16) on PostgreSQL, in process (Fastify's inject: no socket, so the numbers are the
// server's own work; the hello-world ceiling is measured over a socket beside them for the machine's load):
// - publish: submit → approve → publish of a two-language advisory, all outputs (two CSAF documents built,
//   validated, hashed, signed with a fresh CERT key, stored; pages and feeds invalidated). Target < 2 s.
// - the public page of one of 5,000 published advisories, a random one each time (so most are rendered,
//   not cached, on first sight), p95. Target < 20 ms.
// - the RSS feed, p95. Target < 10 ms.
// `npm run bench advisories`; FYR_BENCH_DATABASE_URL names the PostgreSQL server.

const ADVISORIES = 5_000;
const REQUESTS = 2_000;

export async function advisoriesBench(): Promise<void> {
  const scratch = await scratchDatabase();
  const dir = mkdtempSync(join(tmpdir(), "fyr-bench-advisories-"));
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 4 });
  try {
    await migrate(handle);
    const key = await writeCertKey(dir);
    const config = loadConfig({
      FYR_LOG_LEVEL: "silent",
      FYR_PUBLIC_RATE_LIMIT: "0",
      FYR_DATA_DIR: dir,
      FYR_PGP_KEY_FILE: key.file,
      FYR_PUBLIC_URL: "https://cert.example.se",
    });
    const fyr = await buildFyr({
      config,
      logger: createLogger("silent"),
      database: handle,
      clock: systemClock,
      serveWeb: false,
    });
    await fyr.http.ready();
    await loadCsafValidator();
    const ctx = { db: handle.db, clock: systemClock, actor: systemActor("bench") };
    const token = async () => {
      const user = await insertStaffUser(
        ctx,
        {
          email: `p${Math.random()}@bench.se`,
          name: "Bench",
          roles: ["publisher"],
          password: "Fyr-bench lång lösenfras 1",
        },
        "password",
      );
      return (await issueToken(ctx, user.id, "bench")).token;
    };
    const team = { author: await token(), reviewer: await token(), analyst: "", observer: "" };
    const call = caller(() => ({ fyr, clock: systemClock, database: { handle, drop: async () => {} } }) as never);

    // Publish, measured: the three steps after drafting (warm-up first: the key's first use, the JIT).
    await publishedAdvisory(call, team);
    const publishTimes: number[] = [];
    let seedId = "";
    for (let i = 0; i < 5; i++) {
      const created = await call("POST", "/api/v1/advisories", team.author, {
        language: "sv",
        kind: "advisory",
        title: `Bench ${i}`,
        summary: "S",
        body: "B",
        tlp: "TLP:CLEAR",
        cves: ["CVE-2024-3400"],
        products: [{ vendor: "V", product: "P", versions: ["1.0"] }],
      });
      const { id } = created.json<{ id: string }>();
      seedId = id;
      await call("PUT", `/api/v1/advisories/${id}/translations/en`, team.author, {
        title: `Bench ${i}`,
        summary: "S",
        body: "B",
      });
      await call("POST", `/api/v1/advisories/${id}/submit`, team.author);
      const t = performance.now();
      await call("POST", `/api/v1/advisories/${id}/approve`, team.reviewer);
      const res = await call("POST", `/api/v1/advisories/${id}/publish`, team.reviewer);
      publishTimes.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`publish ${res.statusCode} ${res.body}`);
    }
    publishTimes.sort((a, b) => a - b);
    console.log(
      `\nadvisories: publish (approve + publish, 2 languages, signed) median ${percentile(publishTimes, 0.5)} ms, max ${percentile(publishTimes, 1)} ms (target < 2000)`,
    );

    // 5,000 published advisories: copies of the last one, each under its own tracking id and path.
    const t = performance.now();
    await sql`insert into advisories (id, tracking_id, kind, status, tlp, cves, products, exploitation, reference_urls, author_id, version, revision, published_version, initial_release_at, current_release_at)
      select md5('adv' || g)::uuid, 'FYR-SA-2025-' || lpad(g::text, 5, '0'), kind, status, tlp, cves, products, exploitation, reference_urls, author_id, version, revision, published_version,
        now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      from advisories, generate_series(1, ${ADVISORIES}) g where id = ${seedId}`.execute(handle.db);
    await sql`insert into advisory_revisions (advisory_id, number, summary, published_at, published_by)
      select md5('adv' || g)::uuid, 1, 'Första', now(), published_by from advisory_revisions, generate_series(1, ${ADVISORIES}) g where advisory_id = ${seedId}`.execute(
      handle.db,
    );
    await sql`insert into advisory_publications (advisory_id, language, tracking_id, kind, tlp, revision, content, folder, path, csaf, sha256, sha512, signature, initial_release_at, current_release_at)
      select md5('adv' || g)::uuid, language, 'FYR-SA-2025-' || lpad(g::text, 5, '0'), kind, tlp, revision, content, folder,
        'clear/2025/fyr-sa-2025-' || lpad(g::text, 5, '0') || case language when 'en' then '-en' else '' end || '.json', csaf, sha256, sha512, signature,
        now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      from advisory_publications, generate_series(1, ${ADVISORIES}) g where advisory_id = ${seedId}`.execute(handle.db);
    await sql`analyze`.execute(handle.db);
    console.log(`  seeded ${ADVISORIES} advisories × 2 languages in ${Math.round(performance.now() - t)} ms`);

    const measure = async (what: string, url: () => string, target: number) => {
      for (let i = 0; i < 50; i++) await fyr.http.inject({ url: url() });
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s = performance.now();
        const res = await fyr.http.inject({ url: url() });
        times.push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode}`);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${what.padEnd(40)} p50 ${percentile(times, 0.5)} ms  p95 ${percentile(times, 0.95)} ms  p99 ${percentile(times, 0.99)} ms (target p95 < ${target})`,
      );
    };
    const page = () =>
      `/advisories/FYR-SA-2025-${String(1 + Math.floor(Math.random() * ADVISORIES)).padStart(5, "0")}?lang=${Math.random() < 0.5 ? "sv" : "en"}`;
    await measure("page, random of 5,000 (mostly uncached)", page, 20);
    await measure("page, random of 5,000 (after the above)", page, 20);
    await measure("RSS feed (sv)", () => "/advisories/feed.rss?lang=sv", 10);
    await measure("Atom feed (en)", () => "/advisories/feed.atom?lang=en", 10);
    const ceiling = await helloWorldCeiling(1, 5);
    console.log(
      `  ceiling (hello-world over a socket, 1 connection): p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms, ${Math.round(ceiling.rps)} req/s`,
    );
    await fyr.http.close();
    await fyr.stopBackground(0);
  } finally {
    await handle.close();
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
