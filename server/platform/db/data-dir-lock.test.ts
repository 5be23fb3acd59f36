import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE, dataDirOwner, tryLockDataDir } from "./data-dir-lock.js";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fyr-lock-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeLock(dir: string, owner: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner));
}

describe("the data dir lock", () => {
  it("has one holder at a time, and is free again once released", () => {
    const dir = freshDir();
    const lock = tryLockDataDir(dir, "server");
    expect("release" in lock).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, role: "server" });
    // Even the same process may not open the dir twice.
    expect(tryLockDataDir(dir, "cli")).toMatchObject({ pid: process.pid, role: "server" });
    if ("release" in lock) lock.release();
    expect(dataDirOwner(dir)).toBeUndefined();
    const again = tryLockDataDir(dir, "cli");
    expect("release" in again).toBe(true);
    if ("release" in again) again.release();
  });

  it("takes over the lock of a process that is gone, or of an unreadable lock file", () => {
    const dir = freshDir();
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeLock(dir, { pid: dead, role: "server", since: new Date().toISOString() });
    const lock = tryLockDataDir(dir, "server");
    expect("release" in lock).toBe(true);
    if ("release" in lock) lock.release();

    writeFileSync(join(dir, LOCK_FILE), "{ half written");
    const second = tryLockDataDir(dir, "cli");
    expect("release" in second).toBe(true);
    if ("release" in second) second.release();
  });

  it("refuses while another live process holds it, unless that pid now belongs to a younger process", async () => {
    const dir = freshDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const pid = other.pid ?? 0;
      const start = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[19];
      writeLock(dir, { pid, role: "server", since: new Date().toISOString(), start });
      expect(tryLockDataDir(dir, "server")).toMatchObject({ pid, role: "server" });
      expect(dataDirOwner(dir)).toMatchObject({ pid });

      // The same pid with another start time: the lock's writer died and the pid was reused.
      writeLock(dir, { pid, role: "server", since: new Date().toISOString(), start: "1" });
      const lock = tryLockDataDir(dir, "server");
      expect("release" in lock).toBe(true);
      if ("release" in lock) lock.release();
    } finally {
      other.kill();
    }
  });
});
