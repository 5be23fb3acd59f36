import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "./platform/config.js";
import { DataDirInUseError, type DatabaseHandle } from "./platform/db/connect.js";
import { migrate } from "./platform/db/migrate.js";
import { openCliDatabase } from "./platform/db/open-data-dir.js";

/** A CLI command: parses its own flags, uses the database, returns an exit code. */
export interface CliCommand {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
  /** Run instead of `run`, with no database opened (fyr restore: the place it fills must stay empty). */
  runStandalone?(args: string[], io: Omit<CliIo, "database">): Promise<number>;
}

export interface CliIo {
  database: DatabaseHandle;
  config: Config;
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type CommandTable = Record<string, CliCommand>;

const migrateCommands: CommandTable = {
  migrate: {
    usage: "fyr migrate",
    async run(_args, io) {
      const applied = await migrate(io.database);
      io.out(applied.length > 0 ? `applied: ${applied.join(", ")}` : "up to date");
      return 0;
    },
  },
};
const accounts = () => import("./features/accounts/cli.js").then((m) => m.accountCommands);
const backups = () => import("./features/backup/cli.js").then((m) => m.backupCommands);
async function mail(): Promise<CommandTable> {
  const [
    { createMailImportCommand },
    { takeIncidentReply },
    { takeReporterAnswer },
    { takeNotificationMail },
    { takeCoordinationMail },
  ] = await Promise.all([
    import("./features/intake/mail/cli.js"),
    import("./features/incidents/correspondence/take-reply.js"),
    import("./features/incidents/resume-on-reply.js"),
    import("./features/notifications/take-notification-mail.js"),
    import("./features/coordination/take-coordination-mail.js"),
  ]);
  return {
    "mail import": createMailImportCommand({
      incidentReplies: takeIncidentReply,
      reporterAnswered: takeReporterAnswer,
      notificationMail: takeNotificationMail,
      coordinationMail: takeCoordinationMail,
    }),
  };
}

// Every command's module, by the command's first word, loaded only when that command runs: an MTA
// pipe running `fyr mail import` per message should not load the accounts code, nor the reverse.
// Features' commands are listed here too; cli.test.ts checks each table holds only its own words.
export const commandGroups: Record<string, () => Promise<CommandTable>> = {
  migrate: async () => migrateCommands,
  audit: () => import("./platform/audit-cli.js").then((m) => m.auditCommands),
  user: accounts,
  token: accounts,
  "setup-link": accounts,
  secrets: accounts,
  mail,
  evidence: () => import("./features/evidence/cli.js").then((m) => m.evidenceCommands),
  feed: () => import("./features/feeds/cli.js").then((m) => m.feedCommands),
  constituency: () => import("./features/constituency/import/cli.js").then((m) => m.constituencyImportCommands),
  vuln: () => import("./features/vulnerabilities/cli.js").then((m) => m.vulnerabilityCommands),
  backup: backups,
  restore: backups,
};

async function usage(): Promise<string> {
  const tables = await Promise.all([...new Set(Object.values(commandGroups))].map((load) => load()));
  return ["usage:", ...tables.flatMap((t) => Object.values(t).map((c) => `  ${c.usage}`))].join("\n");
}

/** Runs `fyr <command> [subcommand] [flags]` and returns the exit code. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const load = commandGroups[positionals[0] ?? ""];
  const commands = load ? await load() : {};
  const name = [positionals.slice(0, 2).join(" "), positionals[0] ?? ""].find((n) => n in commands);
  const command = name === undefined ? undefined : commands[name];
  if (!name || !command) {
    process.stderr.write(`${await usage()}\n`);
    return 64;
  }
  const config = loadConfig(env);
  const out = (l: string) => process.stdout.write(`${l}\n`);
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const rest = argv.slice(name.split(" ").length);
  if (command.runStandalone) return command.runStandalone(rest, { config, out, err, readStdin });
  // With a server running on the embedded database, this reaches its instance over the data dir's socket.
  const database = await openCliDatabase(config);
  try {
    if (name !== "migrate") await migrate(database);
    return await command.run(rest, { database, config, out, err, readStdin });
  } finally {
    await database.close();
  }
}

/** Runs the command line and exits with its code: for bin/fyr.js and `tsx server/cli.ts`. */
export function runCliAndExit(argv: string[]): void {
  runCli(argv)
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (err instanceof ConfigError) process.stderr.write(`fyr: ${err.message}\n`);
      else if (err instanceof DataDirInUseError) {
        process.stderr.write(`fyr: ${err.message}\n`);
        process.exit(75); // EX_TEMPFAIL: an MTA pipe defers the message and tries again
      } else process.stderr.write(`fyr: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}

// `npm run fyr` runs this file directly. bin/fyr.js (npx fyr, which may run through a symlink under
// any name) calls runCliAndExit itself rather than relying on this check.
if (import.meta.url === `file://${process.argv[1]}`) runCliAndExit(process.argv.slice(2));
