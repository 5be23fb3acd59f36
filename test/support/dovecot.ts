import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = new URL("./dovecot.sh", import.meta.url).pathname;

export interface Dovecot {
  /** imap://user:pass@127.0.0.1:port/INBOX */
  url: string;
  user: string;
  password: string;
  port: number;
  /** Cuts every IMAP connection of the user (doveadm kick), as a server restart would. */
  kick(): void;
  stop(): void;
}

/** A loopback port free at the moment of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real Dovecot (installed from Debian's packages if missing) on a free loopback port.
 * Returns a reason string instead when Dovecot cannot be installed, so the caller can skip.
 */
export async function startDovecot(): Promise<Dovecot | string> {
  const dir = mkdtempSync(join(tmpdir(), "fyr-dovecot-"));
  const port = await freePort();
  const user = "intake";
  const password = "intake-secret";
  const r = spawnSync("bash", [SCRIPT, "start", dir, String(port), user, password], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.status === 3) return `Dovecot is not installed and could not be installed: ${r.stderr.trim()}`;
  if (r.status !== 0) throw new Error(`dovecot failed to start: ${r.stderr}`);
  return {
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    user,
    password,
    port,
    kick() {
      spawnSync("doveadm", ["-c", join(dir, "dovecot.conf"), "kick", user], { timeout: 30_000 });
    },
    stop() {
      spawnSync("bash", [SCRIPT, "stop", dir], { timeout: 30_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
