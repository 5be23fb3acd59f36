// A node for the lease fencing test (server/platform/lease.test.ts).
// Usage: node --import tsx test/support/lease-process.ts <postgres-url> <holder> <mode> [on-go]
//   mode "loop": runs a leased loop every 100 ms (TTL 1 s) whose pass records (holder, epoch) in lease_writes;
//     with "on-go" it prints "ready" once loaded and starts the loop on the stdin line "go" (so a test's clock
//     does not include a process start, which takes seconds on a loaded machine).
//   mode "manual": takes the lease once (TTL 1 s), prints "acquired <epoch>", then on each stdin line
//     "write" does one fenced write and prints "written" or "refused"; "hold" enters a fenced
//     transaction, prints "inside", and commits on the next stdin line (a leader paused mid-write).
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { openDatabase } from "../../server/platform/db/connect.js";
import { type Lease, LeaseLostError, fenced, tryAcquireLease } from "../../server/platform/lease.js";
import { startLeasedPeriodic } from "../../server/platform/leased-periodic.js";
import { createLogger } from "../../server/platform/log.js";

const [url, holder, mode, start] = process.argv.slice(2);
if (!url || !holder || !mode) throw new Error("usage: lease-process.ts <postgres-url> <holder> <loop|manual>");
const TTL_MS = 1000;
const handle = await openDatabase({ kind: "postgres", url, poolSize: 3 });
const record = (tx: typeof handle.db, lease: Lease) =>
  sql`insert into lease_writes (holder, epoch) values (${lease.holder}, ${lease.epoch})`.execute(tx);
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === "loop") {
  if (start === "on-go") {
    say("ready");
    const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    while ((await lines.next()).value !== "go");
  }
  startLeasedPeriodic({
    what: "test loop",
    logger: createLogger("silent"),
    intervalMs: 100,
    ttlMs: TTL_MS,
    db: handle.db,
    lease: "test.fence",
    holder,
    pass: (fence) => fence.run((tx) => record(tx, fence.lease)).then(() => undefined),
  });
  say("looping");
} else {
  const lease = await tryAcquireLease(handle.db, "test.fence", holder, TTL_MS);
  if (!lease) throw new Error("the lease was not free");
  say(`acquired ${lease.epoch}`);
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    try {
      if (next.value === "write") await fenced(handle.db, lease, TTL_MS, (tx) => record(tx, lease));
      else
        await fenced(handle.db, lease, TTL_MS, async (tx) => {
          await record(tx, lease);
          say("inside");
          await lines.next();
        });
      say("written");
    } catch (err) {
      // Refused by the fence, or (paused inside its transaction) cut off by PostgreSQL.
      say(err instanceof LeaseLostError ? "refused" : "refused (connection ended)");
    }
  }
}
