import { spawn } from "node:child_process";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/fyr.js", import.meta.url));
let dir = "";
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the fyr command", () => {
  // npx runs node_modules/.bin/fyr, a symlink under another name: once this ran nothing and exited 0.
  it("runs when started through a symlink, as npx does", async () => {
    dir = await mkdtemp(join(tmpdir(), "fyr-bin-"));
    const link = join(dir, "fyr");
    await symlink(BIN, link);
    const child = spawn(process.execPath, [link, "no-such-command"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code).toBe(64);
    expect(err).toContain("fyr migrate");
  });
});

describe("the command table", () => {
  it("finds every command under its first word, and only there", async () => {
    const { commandGroups } = await import("./cli.js");
    for (const [word, load] of Object.entries(commandGroups)) {
      const names = Object.keys(await load());
      expect(names.length, word).toBeGreaterThan(0);
      // A group may hold commands of other words (accounts: user, token, …); each must be routed to it.
      for (const name of names) expect(commandGroups[name.split(" ")[0] ?? ""], name).toBe(load);
    }
  });
});
