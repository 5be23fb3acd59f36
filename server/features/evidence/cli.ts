import type { CliCommand } from "../../cli.js";
import { queueIdentificationBacklog } from "./identification-job.js";

/** `fyr evidence identify`: identifies, in the background, every file recorded before identification. */
export const evidenceCommands: Record<string, CliCommand> = {
  "evidence identify": {
    usage: "fyr evidence identify   (identify files stored before content identification, in the worker)",
    async run(_args, io) {
      const job = await queueIdentificationBacklog(io.database.db);
      io.out(`queued job ${job}: files are identified 100 at a time by the worker`);
      return 0;
    },
  },
};
