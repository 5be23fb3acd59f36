import { parseArgs } from "node:util";
import { z } from "zod";
import { Email, type User, UserCreate } from "../../../contract/accounts.js";
import type { CliCommand, CliIo } from "../../cli.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, type FieldError, invalid } from "../../platform/errors.js";
import { fieldErrorOf } from "../../platform/field-errors.js";
import { inTransaction } from "../../platform/db/connect.js";
import { loadSecretKeys } from "../../platform/auth/secret-keys.js";
import { insertStaffUser } from "./create-user.js";
import { rotateSecrets } from "./rotate-secrets.js";
import { SETUP_TOKEN_TTL_MS, currentSetupToken } from "./setup.js";
import { listUsersPage } from "./list-users.js";
import { resetPassword } from "./reset-password.js";
import { resetTotpByAdmin } from "./reset-totp.js";
import { findUserByEmail } from "./store.js";
import { issueToken, revokeToken } from "./tokens.js";
import { updateUserByAdmin } from "./update-user.js";

// CLI writes are audited as "system:cli".
function cliContext(io: CliIo): ServiceContext {
  return { db: io.database.db, clock: systemClock, actor: systemActor("cli") };
}

function flags(args: string[], names: string[], booleans: string[] = []): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const n of names) options[n] = { type: "string" };
  for (const n of booleans) options[n] = { type: "boolean" };
  return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
}

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") throw new AppError("missing_flag", "invalid", `--${name} is required`);
  return v;
}

async function passwordFromStdin(io: CliIo, values: Record<string, string | boolean | undefined>): Promise<string> {
  if (values["password-stdin"] !== true) throw new AppError("missing_flag", "invalid", "--password-stdin is required");
  // The first line; a trailing newline from `echo` is not part of the password.
  return (await io.readStdin()).split(/\r?\n/)[0] ?? "";
}

async function userIdByEmail(io: CliIo, email: string): Promise<string> {
  const user = await findUserByEmail(io.database.db, Email.parse(email));
  if (!user) throw new AppError("user_not_found", "not_found", `No user ${email}`);
  return user.id;
}

/**
 * Staff users to import, one JSON object per line (`{ "email", "name", "roles": ["duty"], "password" }`):
 * every bad line is named at once, so a seeding file is fixed in one go.
 */
function parseUserLines(text: string): UserCreate[] {
  const users: UserCreate[] = [];
  const errors: FieldError[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `line ${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      errors.push({ path: where, message: "not a JSON object", code: "invalid_format", params: { line: i + 1 } });
      return;
    }
    const parsed = UserCreate.safeParse(json);
    if (parsed.success) users.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push(fieldErrorOf(issue, where, json));
  });
  if (errors.length > 0) throw invalid("validation_failed", "Some lines are not users", errors);
  if (users.length === 0) throw invalid("validation_failed", "No users on standard input");
  return users;
}

/** Runs a command body, printing an AppError or a bad value as one line and exit code 1. */
function guarded(usage: string, body: (args: string[], io: CliIo) => Promise<number>): CliCommand {
  return {
    usage,
    async run(args, io) {
      try {
        return await body(args, io);
      } catch (err) {
        if (err instanceof AppError) {
          const fields = (err.details.errors ?? []).map((e) => ` (${e.path}: ${e.message})`).join("");
          io.err(`fyr: ${err.code}: ${err.message}${fields}`);
          return 1;
        }
        if (err instanceof z.ZodError || (err instanceof TypeError && "code" in err)) {
          io.err(`fyr: ${err instanceof z.ZodError ? z.prettifyError(err) : err.message}\nusage: ${usage}`);
          return 64;
        }
        throw err;
      }
    },
  };
}

/** The accounts commands of `fyr`, listed in server/cli.ts. */
export const accountCommands: Record<string, CliCommand> = {
  "user add": guarded("fyr user add --email E --name N --role R[,R2] --password-stdin", async (args, io) => {
    const v = flags(args, ["email", "name", "role"], ["password-stdin"]);
    const input = UserCreate.parse({
      email: need(v, "email"),
      name: need(v, "name"),
      roles: need(v, "role")
        .split(",")
        .map((r) => r.trim()),
      password: await passwordFromStdin(io, v),
    });
    const user = await insertStaffUser(cliContext(io), input, "password");
    io.out(`created ${user.email} (${user.roles.join(",")}) id ${user.id}`);
    return 0;
  }),
  "user import": guarded("fyr user import < users.jsonl", async (args, io) => {
    flags(args, []);
    const users = parseUserLines(await io.readStdin());
    // All or none: a bad line or a taken address leaves no one half-imported.
    const created = await inTransaction(io.database.db, async (tx) => {
      const ctx = { ...cliContext(io), db: tx };
      const out: User[] = [];
      for (const input of users) out.push(await insertStaffUser(ctx, input, "password"));
      return out;
    });
    for (const user of created) io.out(`created ${user.email} (${user.roles.join(",")}) id ${user.id}`);
    return 0;
  }),
  "user list": guarded("fyr user list", async (args, io) => {
    flags(args, []);
    let cursor: string | undefined;
    do {
      const page = await listUsersPage(cliContext(io), { limit: 500, cursor });
      for (const u of page.items) {
        io.out(
          [u.email, u.name, u.roles.join(","), u.disabled ? "disabled" : "active", u.totpEnabled ? "totp" : "-"].join(
            "\t",
          ),
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return 0;
  }),
  "user disable": guarded("fyr user disable --email E", async (args, io) => {
    const email = need(flags(args, ["email"]), "email");
    await updateUserByAdmin(cliContext(io), await userIdByEmail(io, email), { disabled: true });
    io.out(`disabled ${email}; their sessions and tokens no longer work`);
    return 0;
  }),
  "user passwd": guarded("fyr user passwd --email E --password-stdin [--revoke-tokens]", async (args, io) => {
    const v = flags(args, ["email"], ["password-stdin", "revoke-tokens"]);
    const id = await userIdByEmail(io, need(v, "email"));
    const revokeTokens = v["revoke-tokens"] === true;
    await resetPassword(cliContext(io), id, await passwordFromStdin(io, v), "password", { revokeTokens });
    io.out(`password changed for ${need(v, "email")}${revokeTokens ? "; their API tokens are revoked" : ""}`);
    return 0;
  }),
  "user reset-totp": guarded("fyr user reset-totp --email E", async (args, io) => {
    const email = need(flags(args, ["email"]), "email");
    await resetTotpByAdmin(cliContext(io), await userIdByEmail(io, email));
    io.out(`two-step verification reset for ${email}; their sessions have ended`);
    return 0;
  }),
  "token create": guarded("fyr token create --email E --label L", async (args, io) => {
    const v = flags(args, ["email", "label"]);
    const label = z.string().trim().min(1).max(100).parse(need(v, "label"));
    const created = await issueToken(cliContext(io), await userIdByEmail(io, need(v, "email")), label);
    io.out(`token ${created.id} "${created.label}" (shown once):`);
    io.out(created.token);
    return 0;
  }),
  "setup-link": guarded("fyr setup-link", async (args, io) => {
    flags(args, []);
    const keys = await loadSecretKeys(io.config);
    const token = await currentSetupToken(cliContext(io), SETUP_TOKEN_TTL_MS, keys.box);
    if (!token) {
      io.err("fyr: setup_done: users exist; sign in, or add one with fyr user add");
      return 1;
    }
    io.out(`${io.config.publicUrl}/console/setup#${token}`);
    return 0;
  }),
  "secrets rotate": guarded("fyr secrets rotate", async (args, io) => {
    flags(args, []);
    const result = await rotateSecrets(cliContext(io), await loadSecretKeys(io.config));
    io.out(`secrets sealed under key ${result.keyId}: ${result.resealed} re-sealed`);
    if (result.source === "file") io.out(`key file rewritten; retired keys: ${result.retired.join(", ") || "none"}`);
    else if (result.retired.length > 0) {
      io.out(`no stored secret needs key(s) ${result.retired.join(", ")}: remove them from FYR_SECRET_KEY`);
    }
    return 0;
  }),
  "token revoke": guarded("fyr token revoke --id ID", async (args, io) => {
    const id = z.uuid().parse(need(flags(args, ["id"]), "id"));
    await revokeToken(cliContext(io), id);
    io.out(`revoked ${id}`);
    return 0;
  }),
};
