import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "otplib";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type TestApp, createTestApp } from "../../../test/support/app.js";
import { createStaffUser, randomClientAddress, signIn } from "../../../test/support/auth.js";
import { buildFyr } from "../../app.js";
import type { CliIo } from "../../cli.js";
import { secretKeyId } from "../../platform/auth/secret-box.js";
import { loadSecretKeys } from "../../platform/auth/secret-keys.js";
import { fixedClock } from "../../platform/clock.js";
import { accountCommands } from "./cli.js";
import { announceSetupLink } from "./setup.js";

const clock = fixedClock(new Date("2026-03-02T08:00:00Z"));
const totp = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fyr-secrets-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function run(app: TestApp, line: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const [a = "", b = "", ...rest] = line.split(" ");
  const name = `${a} ${b}` in accountCommands ? `${a} ${b}` : a;
  const command = accountCommands[name];
  if (!command) throw new Error(`no command ${line}`);
  const args = name === a ? [b, ...rest].filter(Boolean) : rest;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    database: app.database.handle,
    config: app.fyr.deps.config,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: async () => "",
  };
  return { code: await command.run(args, io), out, err };
}

async function closeApp(app: TestApp): Promise<void> {
  await app.fyr.http.close();
  await app.fyr.stopBackground(0);
  await app.database.drop();
}

/** Enrols TOTP for a new user through the API; returns the user, the secret and a code maker. */
async function enrolled(app: TestApp) {
  const user = await createStaffUser(app, { roles: ["duty"] });
  const s = await signIn(app, user.email, user.password);
  const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
  const enrol = await app.fyr.http.inject({ method: "POST", url: "/api/v1/auth/totp/enrol", headers });
  const { secret } = enrol.json<{ secret: string }>();
  const confirm = await app.fyr.http.inject({
    method: "POST",
    url: "/api/v1/auth/totp/confirm",
    headers,
    payload: { code: await totp(secret) },
  });
  expect(confirm.statusCode).toBe(200);
  return { user, secret };
}

async function storedSecret(app: TestApp, userId: string): Promise<string> {
  const row = await app.fyr.deps.db
    .selectFrom("users")
    .select("totp_secret")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.totp_secret ?? "";
}

// Each test builds its own app (or two): slow on a busy machine.
const SLOW = 120_000;

describe("secrets at rest", () => {
  it("creates the key file with mode 0600 on first use, reuses it, and refuses one others may read", async () => {
    const dir = join(await dataDir(), "nested");
    const first = await loadSecretKeys({ secretKeys: undefined, dataDir: dir });
    const path = join(dir, "secret.key");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await loadSecretKeys({ secretKeys: undefined, dataDir: dir });
    expect(again.box.currentKeyId).toBe(first.box.currentKeyId);
    expect(again.box.open(first.box.seal("x", "c"), "c")).toBe("x");
    await chmod(path, 0o644);
    await expect(loadSecretKeys({ secretKeys: undefined, dataDir: dir })).rejects.toThrow(/chmod 600/);
  });

  it(
    "seals TOTP secrets stored in plaintext at the next start; sign-in with the code still works",
    async () => {
      const app = await createTestApp({}, clock);
      try {
        const user = await createStaffUser(app, { roles: ["analyst"] });
        const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await app.fyr.deps.db
          .updateTable("users")
          .set({ totp_secret: secret, totp_enabled_at: new Date() })
          .where("id", "=", user.id)
          .execute();
        // A second start on the same database and key.
        const restarted = await buildFyr({
          config: app.fyr.deps.config,
          logger: app.fyr.deps.logger,
          database: app.database.handle,
          clock: app.clock,
          serveWeb: false,
        });
        await restarted.http.close();
        const stored = await storedSecret(app, user.id);
        expect(stored).toMatch(/^fyr1\./);
        expect(stored).not.toContain(secret);
        const login = await app.fyr.http.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: user.email, password: user.password, totp: await totp(secret) },
          remoteAddress: randomClientAddress(),
        });
        expect(login.statusCode).toBe(200);
      } finally {
        await closeApp(app);
      }
    },
    SLOW,
  );

  it(
    "rotates the key file: secrets re-sealed under a new key, the old key retired, the running server keeps up",
    async () => {
      const dir = await dataDir();
      const app = await createTestApp({ FYR_SECRET_KEY: "", FYR_DATA_DIR: dir }, clock);
      try {
        const { user, secret } = await enrolled(app);
        const before = secretKeyId(
          Buffer.from((await readFile(join(dir, "secret.key"), "utf8")).split("\n")[1] ?? "", "base64"),
        );
        expect(await storedSecret(app, user.id)).toContain(`fyr1.${before}.`);
        const rotated = await run(app, "secrets rotate");
        expect(rotated).toMatchObject({ code: 0, err: [] });
        const keys = await loadSecretKeys({ secretKeys: undefined, dataDir: dir });
        expect(keys.keys).toHaveLength(1);
        expect(keys.box.currentKeyId).not.toBe(before);
        expect(await storedSecret(app, user.id)).toContain(`fyr1.${keys.box.currentKeyId}.`);
        expect(rotated.out.join("\n")).toContain(before);
        // The server that started with the old key signs the user in (it re-reads the key file).
        clock.advance(30_000);
        const login = await app.fyr.http.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: user.email, password: user.password, totp: await totp(secret) },
          remoteAddress: randomClientAddress(),
        });
        expect(login.statusCode).toBe(200);
      } finally {
        await closeApp(app);
      }
    },
    SLOW,
  );

  it(
    "rotates with FYR_SECRET_KEY=new,old: re-sealed under the first key, and says the old one may go",
    async () => {
      const oldKey = randomBytes(32).toString("base64");
      const newKey = randomBytes(32).toString("base64");
      const before = await createTestApp({ FYR_SECRET_KEY: oldKey }, clock);
      const dbUrl = before.database;
      try {
        const { user } = await enrolled(before);
        const app: TestApp = {
          ...before,
          fyr: await buildFyr({
            config: { ...before.fyr.deps.config, secretKeys: [newKey, oldKey].map((k) => Buffer.from(k, "base64")) },
            logger: before.fyr.deps.logger,
            database: dbUrl.handle,
            clock: before.clock,
            serveWeb: false,
          }),
        };
        // The new start has already re-sealed; rotate finds nothing left and names the retired key.
        expect(await storedSecret(app, user.id)).toContain(`fyr1.${secretKeyId(Buffer.from(newKey, "base64"))}.`);
        const rotated = await run(app, "secrets rotate");
        expect(rotated.code).toBe(0);
        expect(rotated.out.join("\n")).toContain(secretKeyId(Buffer.from(oldKey, "base64")));
        await app.fyr.http.close();
      } finally {
        await closeApp(before);
      }
    },
    SLOW,
  );
});

describe("setup link and session cookie", () => {
  it(
    "keeps the setup link off the log, readable with fyr setup-link, and clears it once an admin exists",
    async () => {
      const app = await createTestApp();
      try {
        const logged: string[] = [];
        const terminal: string[] = [];
        const ctx = { db: app.fyr.deps.db, clock: app.clock, actor: { kind: "system" as const, name: "start-up" } };
        await announceSetupLink(ctx, {
          box: app.fyr.deps.secrets,
          publicUrl: app.fyr.deps.config.publicUrl,
          logger: pino({ level: "info" }, { write: (line: string) => void logged.push(line) }),
          terminal: (line) => terminal.push(line),
        });
        const link = /(http\S+\/console\/setup#\S+)/.exec(terminal.join("\n"))?.[1] ?? "";
        expect(link).not.toBe("");
        const token = link.split("#")[1] ?? "";
        expect(logged.join("")).toContain("setup link");
        expect(logged.join("")).not.toContain(token);
        const shown = await run(app, "setup-link");
        expect(shown).toMatchObject({ code: 0, out: [link] });
        const stored = JSON.stringify(
          await app.fyr.deps.db.selectFrom("app_settings").select("value").where("key", "=", "setup.token").execute(),
        );
        expect(stored).not.toContain(token);

        await createStaffUser(app, { roles: ["admin"] });
        const setting = await app.fyr.deps.db
          .selectFrom("app_settings")
          .select("key")
          .where("key", "=", "setup.token")
          .execute();
        expect(setting).toEqual([]);
        expect((await run(app, "setup-link")).code).toBe(1);
      } finally {
        await closeApp(app);
      }
    },
    SLOW,
  );

  it(
    "uses a __Host- session cookie over https and still reads the old name",
    async () => {
      const app = await createTestApp({ FYR_PUBLIC_URL: "https://fyr.cert.example" });
      try {
        const user = await createStaffUser(app, { roles: ["duty"] });
        const res = await app.fyr.http.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: user.email, password: user.password },
          remoteAddress: randomClientAddress(),
        });
        const header = String(res.headers["set-cookie"]);
        expect(header).toMatch(/^__Host-fyr_session=[A-Za-z0-9_-]{43};/);
        expect(header).toMatch(/; Path=\//);
        expect(header).toMatch(/; Secure/);
        expect(header).not.toMatch(/Domain=/i);
        const id = res.cookies.find((c) => c.name === "__Host-fyr_session")?.value ?? "";
        for (const cookie of [`__Host-fyr_session=${id}`, `fyr_session=${id}`]) {
          const me = await app.fyr.http.inject({ url: "/api/v1/auth/me", headers: { cookie } });
          expect(me.statusCode).toBe(200);
        }
      } finally {
        await closeApp(app);
      }
    },
    SLOW,
  );
});
