import { pino } from "pino";
import type { CliCommand } from "../../../cli.js";
import { systemClock } from "../../../platform/clock.js";
import { loadConfig } from "../../../platform/config.js";
import { createBlobStore } from "../../../platform/files/blobs.js";
import { ingestMail, type MailIntakeDeps } from "./ingest.js";
import { loadPgpKeyring } from "./pgp-keyring.js";

async function readStdinBytes(): Promise<Buffer> {
  // Bytes, not text: a message in Latin-1 or with binary parts must reach the parser unchanged.
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `fyr mail import < message.eml`: takes one message from an MTA pipe and prints its report's (or
 * incident's) reference. The composition root passes the incident workspace's reply hook.
 */
export function createMailImportCommand(
  hooks: Pick<MailIntakeDeps, "incidentReplies" | "reporterAnswered" | "notificationMail" | "coordinationMail"> = {},
): CliCommand {
  return {
    usage: "fyr mail import < message.eml",
    async run(_args, io) {
      const config = loadConfig();
      const raw = await readStdinBytes();
      if (raw.length === 0) {
        io.err("no message on standard input");
        return 65; // EX_DATAERR
      }
      if (raw.length > config.maxReportBytes) {
        io.err(`message is larger than ${config.maxReportBytes} bytes`);
        return 65;
      }
      // Logs go to stderr: stdout carries only the reference, for the calling MTA or script.
      const logger = pino({ level: config.logLevel, base: { service: "fyr-mail-import" } }, pino.destination(2));
      const result = await ingestMail(
        {
          db: io.database.db,
          clock: systemClock,
          config,
          logger,
          blobs: createBlobStore(`${config.dataDir}/blobs`),
          keyring: await loadPgpKeyring(config),
          ...hooks,
        },
        raw,
        "import",
      );
      io.out(result.reference ?? result.reportId ?? "");
      if (result.outcome === "duplicate" || (result.outcome === "incident" && result.duplicate))
        io.err("this message was already taken in");
      return 0;
    },
  };
}

/** The command without the incident workspace's hook (replies to incidents are then filed as reports). */
export const mailImportCommand: CliCommand = createMailImportCommand();
