import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "./data-dir-lock.js";
import { SOCKET_NAME } from "./pglite-socket.js";

// Issue 11 item 11: with `npm start` running on the embedded database, `fyr user add` used to open a
// second PGlite on the same data dir: it printed "created", the server never saw the user, and two
// writers risked the data. Real processes here, as a newcomer runs them. (No PostgreSQL involved, so
// the PostgreSQL run of the suite skips it.)

const ROOT = new URL("../../../", import.meta.url).pathname;
const PASSWORD = "a long pass phrase for the socket test";

function baseEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("FYR_") && k !== "DATABASE_URL") env[k] = v;
  return { ...env, FYR_DATA_DIR: dataDir, FYR_LOG_LEVEL: "warn" };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function collect(child: ChildProcess): Promise<Run> {
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

function fyr(args: string[], env: NodeJS.ProcessEnv, stdin = ""): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, "bin/fyr.js"), ...args], { env });
  child.stdin.end(stdin);
  return collect(child);
}

function startServer(env: NodeJS.ProcessEnv, port: number): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server/main.ts")], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", FYR_PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { child, done: collect(child) };
}

async function ready(port: number, server: { child: ChildProcess }): Promise<void> {
  for (let i = 0; i < 1800; i++) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become ready");
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(Boolean(process.env.FYR_TEST_DATABASE_URL))("one owner per embedded data dir", () => {
  it("lets the CLI write into a running server's database, and refuses a second server on the same dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fyr-shared-"));
    dirs.push(dataDir);
    const env = baseEnv(dataDir);
    const port = await freePort();
    const server = startServer(env, port);
    children.push(server.child);
    await ready(port, server);

    // Only this user may connect to the socket.
    expect(statSync(join(dataDir, SOCKET_NAME)).mode & 0o777).toBe(0o600);

    const email = "socket.duty@example.test";
    const add = await fyr(
      ["user", "add", "--email", email, "--name", "Socket Duty", "--role", "duty", "--password-stdin"],
      env,
      PASSWORD,
    );
    expect(add.err).toBe("");
    expect(add.code).toBe(0);
    const created = await fyr(["token", "create", "--email", email, "--label", "deploy"], env);
    expect(created.code).toBe(0);
    const token = created.out.trim().split("\n").at(-1) ?? "";
    expect(token).toMatch(/^fyr_/);

    // Both work at once against the running server: a sign-in and an API call with the token, while
    // another command reads the same database.
    const base = `http://127.0.0.1:${port}`;
    const [login, me, list] = await Promise.all([
      fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
      fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }),
      fyr(["user", "list"], env),
    ]);
    expect(login.status).toBe(200);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, roles: ["duty"] });
    expect(list.out).toContain(email);

    // A change made through the socket reaches the server's caches at once (NOTIFY fyr_auth).
    expect((await fyr(["user", "disable", "--email", email], env)).code).toBe(0);
    const after = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);

    // A second server on the same data dir refuses, saying who holds it.
    const second = startServer(env, await freePort());
    children.push(second.child);
    const refused = await second.done;
    expect(refused.code).toBe(75);
    expect(refused.err).toContain(`in use by another Fyr server (pid ${server.child.pid}`);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // Stopped, the server lets go of the dir: a command then owns it itself and sees what was written.
    server.child.kill("SIGTERM");
    expect((await server.done).code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(false);
    const alone = await fyr(["user", "list"], env);
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(/socket\.duty@example\.test.*disabled/);
  }, 300_000);
});
