import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

// One process owns an embedded database's data dir: two PGlite instances on one directory do not see
// each other's writes and can corrupt it. The owner is named in `fyr.lock` (like PostgreSQL's
// postmaster.pid); a lock whose process is gone is stale and taken over.

export const LOCK_FILE = "fyr.lock";
// A takeover guard older than this was left by a process that died while taking over.
const GUARD_STALE_MS = 10_000;

const Owner = z.object({
  pid: z.number().int().positive(),
  role: z.enum(["server", "cli"]),
  since: z.string(),
  // The process's start time in ticks since boot: tells a live owner from a process that reuses its pid.
  start: z.string().optional(),
});
/** Who holds a data dir: a server (serves the CLI on its socket) or a CLI command (owns it briefly). */
export type DataDirOwner = z.infer<typeof Owner>;

export interface DataDirLock {
  readonly dir: string;
  release(): void;
}

// Paths this process holds: a second open in the same process is refused too.
const held = new Map<string, DataDirOwner>();
process.once("exit", () => {
  for (const [path, owner] of held) removeIfOwned(path, owner);
});

/** Takes the data dir's lock, or answers the live process that holds it. Never waits. */
export function tryLockDataDir(dataDir: string, role: DataDirOwner["role"]): DataDirLock | DataDirOwner {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine: DataDirOwner = {
    pid: process.pid,
    role,
    since: new Date().toISOString(),
    start: processStart(process.pid),
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createExclusive(path, JSON.stringify(mine))) {
      held.set(path, mine);
      return {
        dir,
        release() {
          if (held.get(path) !== mine) return;
          held.delete(path);
          removeIfOwned(path, mine);
        },
      };
    }
    const owner = readOwner(path);
    if (owner === "missing") continue;
    if (owner && isAlive(path, owner)) return owner;
    takeOverStale(path, owner);
    if (attempt > 0) pause(25);
  }
  throw new Error(`could not take the lock ${path}`);
}

/** The live owner of a data dir, if any (for messages and for the CLI deciding how to connect). */
export function dataDirOwner(dataDir: string): DataDirOwner | undefined {
  const path = join(resolve(dataDir), LOCK_FILE);
  const owner = readOwner(path);
  return owner && owner !== "missing" && isAlive(path, owner) ? owner : undefined;
}

// The content must never be seen half written: write a private file, then hard-link it into place
// (link fails if the lock exists, atomically).
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, content, { mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

/** The owner named in the lock file; null when unreadable (stale), "missing" when there is none. */
function readOwner(path: string): DataDirOwner | null | "missing" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw err;
  }
  try {
    const parsed = Owner.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(path: string, owner: DataDirOwner): boolean {
  // Our own pid in a lock we do not hold was left by an earlier process that had it (a container's pid 1).
  if (owner.pid === process.pid) return held.get(path)?.since === owner.since;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // A process whose start time differs from the one in the lock only reuses the pid of the one that wrote it.
  const started = processStart(owner.pid);
  return owner.start === undefined || started === undefined || started === owner.start;
}

/** A process's start time in clock ticks since boot (Linux /proc; undefined elsewhere), immune to clock changes. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name, which is in parentheses and may contain spaces; starttime is the 22nd.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

// Two processes finding the same stale lock must not both remove it (the second would remove the
// first one's fresh lock), so removal happens under a short-lived guard file.
function takeOverStale(path: string, stale: DataDirOwner | null): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    const now = readOwner(path);
    const same =
      now === null || (now !== "missing" && stale !== null && now.pid === stale.pid && now.since === stale.since);
    if (same) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

function removeIfOwned(path: string, owner: DataDirOwner): void {
  const now = readOwner(path);
  if (now && now !== "missing" && now.pid === owner.pid && now.since === owner.since) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
