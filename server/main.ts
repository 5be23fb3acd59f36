import { buildFyr } from "./app.js";
import { announceSetupLink } from "./features/accounts/setup.js";
import { systemActor } from "./platform/auth/actor.js";
import { systemClock } from "./platform/clock.js";
import { ConfigError, loadConfig } from "./platform/config.js";
import { DataDirInUseError } from "./platform/db/connect.js";
import { migrate } from "./platform/db/migrate.js";
import { openServerDatabase } from "./platform/db/open-data-dir.js";
import { createLogger, logsToTerminal } from "./platform/log.js";

/** Start-up: config → database → migrations → roles. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`fyr: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, { terminal: logsToTerminal() });
  const database = await openServerDatabase(config).catch((err: unknown) => {
    if (!(err instanceof DataDirInUseError)) throw err;
    process.stderr.write(`fyr: ${err.message}\n`);
    process.exit(75); // EX_TEMPFAIL
  });
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");

  const fyr = await buildFyr({ config, logger, database, clock: systemClock, preload: true });
  await fyr.http.listen({ port: config.port, host: config.host });
  // `fyr` commands reach this process's embedded database here instead of opening a second one.
  await database.shareOnSocket?.();
  fyr.startBackground();
  logger.info({ roles: config.roles, database: database.kind, url: config.publicUrl }, "Fyr is running");
  if (config.roles.includes("staff")) {
    const ctx = { db: database.db, clock: systemClock, actor: systemActor("start-up") };
    await announceSetupLink(ctx, {
      box: fyr.deps.secrets,
      publicUrl: config.publicUrl,
      logger,
      // Set apart from the log lines around it: this is what a newcomer has to find.
      terminal: (line) => process.stderr.write(`\n${"─".repeat(72)}\n${line}\n${"─".repeat(72)}\n\n`),
    });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Stop taking requests first, then let jobs finish within the grace period.
    await fyr.http.close();
    await fyr.stopBackground(config.shutdownGraceMs);
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`fyr: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
