import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, signIn } from "../../../test/support/auth.js";
import type { CliIo } from "../../cli.js";
import { accountCommands } from "./cli.js";

describe("fyr user / token commands", () => {
  const app = useTestApp();

  async function run(line: string, stdin = ""): Promise<{ code: number; out: string[]; err: string[] }> {
    const [a = "", b = "", ...args] = line.split(" ");
    const command = accountCommands[`${a} ${b}`];
    if (!command) throw new Error(`no command ${a} ${b}`);
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      database: app().database.handle,
      config: app().fyr.deps.config,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => stdin,
    };
    return { code: await command.run(args, io), out, err };
  }

  it("adds a user, creates a token whose last line works as a bearer token, and revokes it", async () => {
    // Only this test's entries: others in the file act as system:cli too.
    const before = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select((eb) => eb.fn.coalesce(eb.fn.max("id"), eb.lit(0)).as("id"))
      .executeTakeFirstOrThrow();
    const add = await run(
      "user add --email cli.duty@example.test --name Duty --role duty,analyst --password-stdin",
      "a passphrase from stdin\n",
    );
    expect(add).toMatchObject({ code: 0, err: [] });
    const list = await run("user list");
    expect(list.out.join("\n")).toMatch(/cli\.duty@example\.test\tDuty\tduty,analyst\tactive/);

    const created = await run("token create --email cli.duty@example.test --label deploy");
    expect(created.code).toBe(0);
    const token = created.out.at(-1) ?? "";
    expect(token).toMatch(/^fyr_/);
    const me = await app().fyr.http.inject({ url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ email: "cli.duty@example.test", roles: ["duty", "analyst"] });

    const id = /token ([0-9a-f-]{36})/.exec(created.out[0] ?? "")?.[1];
    expect((await run(`token revoke --id ${id}`)).code).toBe(0);
    const after = await app().fyr.http.inject({
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["actor", "action"])
      .where("actor", "=", "system:cli")
      .where("id", ">", before.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.created", "token.created", "token.revoked"]);
  });

  it("refuses a weak password, an unknown role and a missing flag with a message", async () => {
    const weak = await run("user add --email weak@example.test --name W --role duty --password-stdin", "password\n");
    expect(weak.code).toBe(1);
    expect(weak.err.join()).toMatch(/password_weak/);
    expect(
      (await run("user add --email r@example.test --name R --role wizard --password-stdin", "a fine passphrase here"))
        .code,
    ).toBe(64);
    expect((await run("token create --email r@example.test")).err.join()).toMatch(/--label is required/);
  });

  it("imports staff users from JSON lines all or none, naming every bad line", async () => {
    const line = (email: string, roles: string[], password = "a long import passphrase") =>
      JSON.stringify({ email, name: `Imported ${email}`, roles, password });
    const bad = await run(
      "user import",
      [line("imp.ok@example.test", ["duty"]), "{not json", line("imp.role@example.test", ["wizard"]), ""].join("\n"),
    );
    expect(bad.code).toBe(1);
    expect(bad.err.join()).toMatch(/line 2: not a JSON object/);
    expect(bad.err.join()).toMatch(/line 3\.roles\.0/);
    expect((await run("user list")).out.join("\n")).not.toContain("imp.ok@example.test");

    const taken = await createStaffUser(app(), { roles: ["observer"] });
    const clash = await run(
      "user import",
      [line("imp.first@example.test", ["duty"]), line(taken.email, ["duty"])].join("\n"),
    );
    expect(clash.err.join()).toMatch(/email_taken/);
    expect((await run("user list")).out.join("\n")).not.toContain("imp.first@example.test");

    const ok = await run(
      "user import",
      [line("imp.a@example.test", ["duty"]), line("imp.b@example.test", ["analyst", "observer"])].join("\n"),
    );
    expect(ok).toMatchObject({ code: 0, err: [] });
    expect(ok.out).toEqual([
      expect.stringMatching(/^created imp\.a@example\.test \(duty\)/),
      expect.stringMatching(/^created imp\.b@example\.test \(analyst,observer\)/),
    ]);
    const login = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "imp.b@example.test", password: "a long import passphrase" },
    });
    expect(login.statusCode).toBe(200);
  });

  it("changes a password and disables a user", async () => {
    const user = await createStaffUser(app(), { roles: ["observer"] });
    expect((await run(`user passwd --email ${user.email} --password-stdin`, "another long passphrase\n")).code).toBe(0);
    const login = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email, password: "another long passphrase" },
    });
    expect(login.statusCode).toBe(200);
    expect((await run(`user disable --email ${user.email}`)).code).toBe(0);
    expect((await run("user list")).out.join("\n")).toContain(`${user.email}\tTest Staff\tobserver\tdisabled`);
  });

  it("resets a user's two-step verification as the system, ending their sessions", async () => {
    const user = await createStaffUser(app(), { roles: ["duty"] });
    const session = await signIn(app(), user.email, user.password);
    const db = app().fyr.deps.db;
    // Enrolled as far as sign-in is concerned; the enrolment flow itself is tested in totp.test.ts.
    await db
      .updateTable("users")
      .set({ totp_secret: "JBSWY3DPEHPK3PXP", totp_enabled_at: new Date() })
      .where("id", "=", user.id)
      .execute();
    expect((await run("user list")).out.join("\n")).toContain(`${user.email}\tTest Staff\tduty\tactive\ttotp`);

    const reset = await run(`user reset-totp --email ${user.email}`);
    expect(reset).toMatchObject({ code: 0, err: [] });
    expect(reset.out.join()).toContain(user.email);
    const me = await app().fyr.http.inject({ url: "/api/v1/auth/me", headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    const login = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email, password: user.password },
    });
    expect(login.json()).toMatchObject({ totpEnabled: false });
    const audit = await db
      .selectFrom("audit_log")
      .select("actor")
      .where("action", "=", "user.totp_reset")
      .where("target_id", "=", user.id)
      .execute();
    expect(audit).toEqual([{ actor: "system:cli" }]);

    const unknown = await run("user reset-totp --email nobody@example.test");
    expect(unknown.code).toBe(1);
    expect(unknown.err.join()).toMatch(/user_not_found/);
    expect((await run("user reset-totp")).err.join()).toMatch(/--email is required/);
  });
});

describe("fyr as a process", () => {
  const app = useTestApp();

  it("creates a user from stdin and prints a token as the last line of stdout", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "fyr-cli-"));
    const url = app().database.url;
    const env = {
      ...cleanEnv(),
      FYR_LOG_LEVEL: "silent",
      ...(url ? { DATABASE_URL: url } : { FYR_DATA_DIR: dataDir }),
    };
    try {
      const add = await fyr(
        ["user", "add", "--email", "proc@example.test", "--name", "Proc", "--role", "admin", "--password-stdin"],
        env,
        "a passphrase for the process\n",
      );
      expect(add.code).toBe(0);
      const token = await fyr(["token", "create", "--email", "proc@example.test", "--label", "ci"], env, "");
      expect(token.code).toBe(0);
      expect(token.stdout.trimEnd().split("\n").at(-1)).toMatch(/^fyr_[A-Za-z0-9_-]{43}$/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("FYR_") && k !== "DATABASE_URL") env[k] = v;
  return env;
}

function fyr(
  args: string[],
  env: Record<string, string>,
  stdin: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/fyr.js", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
