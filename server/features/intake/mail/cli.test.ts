import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/db.js";
import { openDatabase } from "../../../platform/db/connect.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;

function fyr(
  args: string[],
  env: Record<string, string>,
  stdin: Buffer,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/fyr.js"), ...args], {
      env: { ...process.env, FYR_LOG_LEVEL: "warn", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}

describe("fyr mail import", () => {
  it("takes a message from standard input, prints its reference, takes the same message only once, and a reused Message-ID as new", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fyr-mail-cli-"));
    // On PostgreSQL the command uses a test database; on PGlite its own data directory.
    const pg = process.env.FYR_TEST_DATABASE_URL ? await createTestDatabase() : null;
    const env: Record<string, string> = { FYR_DATA_DIR: dataDir, ...(pg?.url ? { DATABASE_URL: pg.url } : {}) };
    try {
      // Latin-1 bytes must reach the parser unchanged (stdin is read as bytes, not text).
      const raw = Buffer.from(
        "From: Cli Test <cli@exempel.se>\nSubject: Import via pipe\nMessage-ID: <cli-1@exempel.se>\n" +
          "Content-Type: text/plain; charset=iso-8859-1\n\nN\xe4tverket \xe4r nere.\n",
        "latin1",
      );
      const first = await fyr(["mail", "import"], env, raw);
      expect(first.err).toBe("");
      expect(first).toMatchObject({ code: 0 });
      const reference = first.out.trim();
      expect(reference).toMatch(/^FYR-\d{4}-\d{5}$/);

      const again = await fyr(["mail", "import"], env, raw);
      expect(again).toMatchObject({ code: 0, out: `${reference}\n` });
      expect(again.err).toContain("already");

      // The same Message-ID on other content (forged or broken) is a new report, flagged, not "already taken".
      const forged = Buffer.from(
        "From: Other <other@exempel.se>\nSubject: Annat\nMessage-ID: <cli-1@exempel.se>\n\nNågot helt annat.\n",
      );
      const third = await fyr(["mail", "import"], env, forged);
      expect(third.err).toBe("");
      expect(third.out.trim()).toMatch(/^FYR-\d{4}-\d{5}$/);
      expect(third.out.trim()).not.toBe(reference);

      const db = pg?.handle ?? (await openDatabase({ kind: "pglite", dataDir }));
      try {
        const row = await db.db
          .selectFrom("reports")
          .select(["summary", "what_happened", "channel"])
          .where("reference", "=", reference)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ summary: "Import via pipe", what_happened: "Nätverket är nere.", channel: "email" });
        const reused = await db.db
          .selectFrom("reports")
          .select(["mail_message_id_reused"])
          .where("reference", "=", third.out.trim())
          .executeTakeFirstOrThrow();
        expect(reused.mail_message_id_reused).toBe(true);
      } finally {
        if (!pg) await db.close();
      }
    } finally {
      await pg?.drop();
    }
  }, 300_000);
});
