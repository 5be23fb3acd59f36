import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { CliCommand, CliIo } from "../cli.js";
import { verifyAuditChain } from "./audit-verify.js";
import { SignedHead, headSignatureValid, loadAnchorKey } from "./audit-anchor.js";
import { anchorText } from "./audit-anchor-mail.js";
import { readSealedHead, signedHeadOf } from "./audit-sealer.js";
import { loadConfig } from "./config.js";

// `fyr audit verify` and `fyr audit anchor`: the audit trail from the command line.

async function readAnchor(path: string, io: CliIo): Promise<SignedHead | string> {
  const text = path === "-" ? await io.readStdin() : await readFile(path, "utf8");
  // A mailed anchor is a whole message: the anchor is its last line that parses.
  const lines = text.split(/\r?\n/).reverse();
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const parsed = SignedHead.safeParse(JSON.parse(trimmed));
      if (parsed.success) return parsed.data;
    } catch {
      // not this line
    }
  }
  return `${path} holds no audit anchor (a line of JSON from \`fyr audit anchor\`)`;
}

export const auditCommands: Record<string, CliCommand> = {
  "audit verify": {
    usage: "fyr audit verify [--anchor <file>|-]",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { anchor: { type: "string" } }, strict: true });
      const anchor = values.anchor === undefined ? undefined : await readAnchor(values.anchor, io);
      if (typeof anchor === "string") {
        io.err(anchor);
        return 64;
      }
      const result = await verifyAuditChain(io.database.db, { key: loadAnchorKey(io.config ?? loadConfig()), anchor });
      if (result.ok) {
        const pending = result.unsealed > 0 ? `, ${result.unsealed} waiting for their seal` : "";
        const held = anchor ? `; holds the anchor of ${anchor.signedAt} (entry ${anchor.seq})` : "";
        io.out(
          `audit trail intact: ${result.entries} sealed entries${pending}, head signature ${result.signature}${held}`,
        );
        return 0;
      }
      const where = result.brokenAt === undefined ? "" : ` at entry ${result.brokenAt}`;
      io.err(`audit trail broken${where} (${result.reason})`);
      return 1;
    },
  },
  "audit anchor": {
    usage: "fyr audit anchor [--out <file>]",
    async run(args, io) {
      const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
      const row = await readSealedHead(io.database.db);
      const head = row ? signedHeadOf(row) : null;
      if (!head) {
        io.err("the audit trail has no signed head yet: a process with the worker role seals it every second");
        return 1;
      }
      if (!headSignatureValid(loadAnchorKey(io.config ?? loadConfig()), head)) {
        io.err("the sealed head's signature does not match this anchor key; run `fyr audit verify`");
        return 1;
      }
      if (values.out) await writeFile(values.out, `${anchorText(head)}\n`, { mode: 0o644 });
      io.out(anchorText(head));
      return 0;
    },
  },
};
