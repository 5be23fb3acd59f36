import { createHash, randomBytes } from "node:crypto";
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fullReport, multipart } from "../server/features/intake/test-fixtures.js";
import { sweepOrphanBlobs } from "../server/features/intake/blob-sweep.js";
import { verifyAuditChain } from "../server/platform/audit.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { createBlobStore } from "../server/platform/files/blobs.js";
import { fyrCli, scratchDatabase, startFyr, tempDataDir } from "./lib/server.js";

// Issue 3, reliability: kill -9 the server while 1,000 reports (each with files) are being
// submitted, restart it, and check that every report that got a 201 is there exactly once with its
// attachments and receipt mail, and that none without a 201 is half there.
//   npx tsx bench/kill9.ts        (PostgreSQL from FYR_BENCH_DATABASE_URL or the local default)

const REPORTS = Number(process.env.KILL9_REPORTS ?? 1000);
const CONCURRENCY = 20;
const KILL_AFTER = Math.floor(REPORTS * 0.35);
const PORT = 18_097;

interface Sent {
  marker: string;
  files: { sha256: string; size: number }[];
  reference: string | null;
  outcome: "201" | "error" | "not-sent";
}

function makeRequest(i: number): { sent: Sent; body: ReturnType<typeof multipart> } {
  const marker = `kill9-${i}-${randomBytes(6).toString("hex")}`;
  const report = { ...fullReport(), whatHappened: `${marker}: ransomware på filserver` };
  const contents = Array.from({ length: 1 + (i % 3) }, () => randomBytes(2048 + Math.floor(Math.random() * 60_000)));
  const body = multipart(
    { report: JSON.stringify(report) },
    contents.map((content, n) => ({ filename: `evidence-${n}.bin`, content })),
  );
  const files = contents.map((c) => ({ sha256: createHash("sha256").update(c).digest("hex"), size: c.length }));
  return { sent: { marker, files, reference: null, outcome: "not-sent" }, body };
}

/** Sends the reports still "not-sent", CONCURRENCY at a time, until done or `halt.now` is set. */
async function submitAll(
  sent: Sent[],
  bodies: ReturnType<typeof multipart>[],
  halt: { now: boolean },
  onDone: (n: number) => void,
) {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (!halt.now && next < sent.length) {
      const i = next++;
      const entry = sent[i];
      const body = bodies[i];
      if (!entry || !body || entry.outcome !== "not-sent") continue;
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/api/public/v1/reports`, {
          method: "POST",
          headers: body.headers,
          body: new Uint8Array(body.payload),
        });
        if (res.status === 201) {
          entry.outcome = "201";
          entry.reference = ((await res.json()) as { reference: string }).reference;
        } else {
          entry.outcome = "error";
        }
      } catch {
        entry.outcome = "error";
      }
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Runs the kill -9 check; resolves with the problems found (none means it held). */
export async function kill9Check(): Promise<string[]> {
  const db = await scratchDatabase();
  const dataDir = tempDataDir();
  const env = { DATABASE_URL: db.url, PORT: String(PORT), FYR_ROLES: "public", FYR_DATA_DIR: dataDir };
  const problems: string[] = [];
  try {
    fyrCli(["migrate"], env);
    const made = Array.from({ length: REPORTS }, (_, i) => makeRequest(i));
    const sent = made.map((m) => m.sent);
    const bodies = made.map((m) => m.body);

    let fyr = await startFyr(env);
    let killedAt = -1;
    const halt = { now: false };
    await submitAll(sent, bodies, halt, (n) => {
      if (n === KILL_AFTER && killedAt < 0) {
        killedAt = n;
        halt.now = true;
        fyr.child.kill("SIGKILL");
      }
    });
    const inFlight = sent.filter((s) => s.outcome === "error").length;
    // The rest of the 1,000 go to the restarted server; the ones cut off stay as they are.
    const afterRestart = sent.filter((s) => s.outcome === "not-sent").length;
    fyr = await startFyr(env);
    await submitAll(sent, bodies, { now: false }, () => undefined);
    await fyr.stop();

    const handle = await openDatabase({ kind: "postgres", url: db.url, poolSize: 2 });
    try {
      const rows = await handle.db
        .selectFrom("reports")
        .select(["id", "reference", "what_happened", "reporter_email"])
        .execute();
      const attachments = await handle.db
        .selectFrom("report_attachments")
        .select(["report_id", "sha256", "size"])
        .execute();
      const receipts = await handle.db.selectFrom("mail_messages").select(["subject"]).execute();
      const byMarker = new Map<string, typeof rows>();
      for (const row of rows) {
        const marker = row.what_happened.split(":")[0] ?? "";
        byMarker.set(marker, [...(byMarker.get(marker) ?? []), row]);
      }
      const filesOf = (reportId: string) =>
        attachments
          .filter((a) => a.report_id === reportId)
          .map((a) => `${a.sha256}:${a.size}`)
          .sort();
      const blobStore = createBlobStore(join(dataDir, "blobs"));
      let committedWithout201 = 0;
      for (const s of sent) {
        const found = byMarker.get(s.marker) ?? [];
        const expected = s.files.map((f) => `${f.sha256}:${f.size}`).sort();
        if (s.outcome === "201") {
          if (found.length !== 1) problems.push(`${s.marker}: got 201 but is there ${found.length} times`);
          const row = found[0];
          if (row && row.reference !== s.reference)
            problems.push(`${s.marker}: reference ${row.reference} ≠ ${s.reference}`);
          if (row && JSON.stringify(filesOf(row.id)) !== JSON.stringify(expected))
            problems.push(`${s.marker}: attachments differ`);
          for (const f of s.files) {
            if (!(await blobStore.exists(f.sha256))) problems.push(`${s.marker}: blob ${f.sha256} missing`);
          }
          if (!receipts.some((r) => r.subject.startsWith(`[${s.reference}]`)))
            problems.push(`${s.marker}: no receipt mail`);
        } else {
          // Committed just before the kill, answer lost: allowed if whole, never half.
          if (found.length > 1) problems.push(`${s.marker}: no 201 but there ${found.length} times`);
          const row = found[0];
          if (row) {
            committedWithout201++;
            if (JSON.stringify(filesOf(row.id)) !== JSON.stringify(expected))
              problems.push(`${s.marker}: no 201 and only half there`);
          }
        }
      }
      const markers = new Set(sent.map((s) => s.marker));
      const strangers = rows.filter((r) => !markers.has(r.what_happened.split(":")[0] ?? ""));
      if (strangers.length > 0) problems.push(`${strangers.length} reports nobody sent`);
      if (receipts.length !== rows.length) problems.push(`${receipts.length} receipts for ${rows.length} reports`);
      const audit = await verifyAuditChain(handle.db);
      if (!audit.ok) problems.push(`audit chain broken at ${audit.brokenAt}`);
      const sweeps = await handle.db
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", "intake.blobs.sweep")
        .where("status", "=", "queued")
        .execute();
      if (sweeps.length === 0) problems.push("no orphan clean-up was queued");

      const before = (await filesUnder(join(dataDir, "blobs"))).length;
      const swept = await sweepOrphanBlobs(handle.db, blobStore, new Date(Date.now() + 60_000));
      const after = await filesUnder(join(dataDir, "blobs"));
      const referenced = new Set(attachments.map((a) => a.sha256));
      const leftovers = after.filter((p) => !referenced.has(p.split("/").pop() ?? ""));
      if (leftovers.length > 0) problems.push(`${leftovers.length} files left after the clean-up`);
      for (const path of after.slice(0, 50)) {
        const name = path.split("/").pop() ?? "";
        const actual = createHash("sha256")
          .update(await readFile(path))
          .digest("hex");
        if (actual !== name) problems.push(`blob ${name} does not hold what its name says`);
      }

      const got201 = sent.filter((s) => s.outcome === "201").length;
      console.log(
        `\nkill -9 during ${REPORTS} multipart reports (${CONCURRENCY} at a time), killed after ${killedAt} answers`,
      );
      console.table([
        {
          "got 201": got201,
          "cut off by the kill": inFlight,
          "sent after restart": afterRestart,
          "reports in database": rows.length,
          "committed, answer lost": committedWithout201,
          "files before clean-up": before,
          "orphans removed": swept,
          problems: problems.length,
        },
      ]);
    } finally {
      await handle.close();
    }
  } finally {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  for (const p of problems.slice(0, 20)) console.log(`PROBLEM ${p}`);
  console.log(problems.length === 0 ? "OK: every 201 is there exactly once, nothing is half there" : "FAILED");
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await kill9Check();
  process.exit(problems.length === 0 ? 0 : 1);
}
