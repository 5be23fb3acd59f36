import { chmodSync, rmSync } from "node:fs";
import { type Server, type Socket, createServer } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

// The embedded database's own process serves it to other local processes (the `fyr` CLI) on a unix
// socket, as the PostgreSQL wire protocol, so a CLI write lands in the one running instance.
//
// Not @electric-sql/pglite-socket: its queue serialises its socket clients among themselves, but a
// client's open transaction does not keep the server's own queries out (PGlite has one session, so
// they would run inside it). Here a client holds the process's one database connection (Kysely's)
// from its first message until PGlite is idle again (ReadyForQuery 'I'), so its transaction and the
// server's queries never interleave.

/** Runs `work` while holding the process's one database connection. */
export type HoldConnection = (work: () => Promise<void>) => Promise<void>;

export interface SocketOptions {
  /** A client idle inside a transaction this long is disconnected and rolled back. */
  idleInTransactionMs?: number;
}

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'

/** The socket file PostgreSQL clients look for in a directory (`host=<dir>`, port 5432). */
export const SOCKET_NAME = ".s.PGSQL.5432";

export interface PgliteSocketServer {
  close(): Promise<void>;
}

/** Listens on `path` (mode 0600: only this user may connect) and serves `pglite` to each client. */
export async function servePgliteOnSocket(
  pglite: PGlite,
  hold: HoldConnection,
  path: string,
  options: SocketOptions = {},
): Promise<PgliteSocketServer> {
  // We own the data dir (its lock), so a socket file left here is a dead owner's.
  rmSync(path, { force: true });
  const sessions = new Set<Session>();
  const server: Server = createServer((socket) => {
    const session = new Session(socket, pglite, hold, options.idleInTransactionMs ?? 30_000);
    sessions.add(session);
    socket.once("close", () => sessions.delete(session));
  });
  // The socket is created with the umask's mode; a restrictive one for this moment (start-up, nothing
  // else creates files) keeps others out before the chmod below.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return {
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.end();
      });
      await Promise.all([...sessions].map((s) => s.finished));
      rmSync(path, { force: true });
    },
  };
}

/** One client connection: frames its messages and runs them one at a time. */
class Session {
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;
  #closed = false;
  #pumping = false;
  #cleaned = false;
  // Set while this client holds the connection; calling it hands the connection back.
  #release: (() => void) | undefined;
  // PGlite's state after the last message: 'I' idle, 'T' in a transaction, 'E' in a failed one;
  // undefined while an extended-protocol sequence waits for its Sync.
  #status: string | undefined = "I";
  #idleTimer: NodeJS.Timeout | undefined;
  #finish!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.#finish = resolve));

  constructor(
    private readonly socket: Socket,
    private readonly pglite: PGlite,
    private readonly hold: HoldConnection,
    private readonly idleInTransactionMs: number,
  ) {
    socket.on("data", (chunk: Buffer) => {
      if (this.#closed) return;
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      void this.#pump();
    });
    socket.on("error", () => this.end());
    socket.on("close", () => this.end());
  }

  end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.destroy();
    if (!this.#pumping) void this.#cleanUp();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let message = this.#next(); message && !this.#closed; message = this.#next()) {
        await this.#handle(message);
      }
    } catch {
      this.#closed = true;
      this.socket.destroy();
    } finally {
      this.#pumping = false;
      if (this.#closed) await this.#cleanUp();
    }
  }

  /** The next complete message in the buffer, or undefined until more bytes arrive. */
  #next(): Buffer | undefined {
    const headerLength = this.#started ? 5 : 4;
    if (this.#buffer.length < headerLength) return undefined;
    const length = this.#started ? 1 + this.#buffer.readInt32BE(1) : this.#buffer.readInt32BE(0);
    if (length < headerLength - 1 || this.#buffer.length < length) return undefined;
    const message = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return message;
  }

  async #handle(message: Buffer): Promise<void> {
    clearTimeout(this.#idleTimer);
    if (!this.#started) {
      const code = message.length >= 8 ? message.readInt32BE(4) : 0;
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N"); // no encryption on a local socket; the client goes on in plain text
        return;
      }
      if (code === CANCEL_REQUEST) {
        this.end(); // nothing runs in parallel that could be cancelled
        return;
      }
      this.#started = true;
    } else if (message[0] === TERMINATE) {
      this.end();
      return;
    }
    const out = await this.#exec(message);
    if (!this.#closed) this.socket.write(out);
    if (this.#release && this.#status !== "I") {
      this.#idleTimer = setTimeout(() => this.end(), this.idleInTransactionMs).unref();
    }
  }

  /** Runs one protocol message, holding the connection until PGlite is idle again. */
  async #exec(message: Buffer): Promise<Uint8Array> {
    if (!this.#release) this.#release = await this.#acquire();
    const out = await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(new Uint8Array(message)));
    this.#status = lastReadyStatus(out) ?? (this.#status === "I" ? undefined : this.#status);
    if (this.#status === "I") {
      this.#release();
      this.#release = undefined;
    }
    return out;
  }

  #acquire(): Promise<() => void> {
    return new Promise((granted, refused) => {
      this.hold(() => new Promise<void>((release) => granted(release))).catch(refused);
    });
  }

  /** A client that went away mid-transaction is rolled back, and the connection handed back. */
  async #cleanUp(): Promise<void> {
    clearTimeout(this.#idleTimer);
    if (this.#cleaned) return;
    this.#cleaned = true;
    try {
      if (this.#release) {
        // An extended-protocol sequence without its Sync: fail it so that the Sync aborts it.
        if (this.#status === undefined) {
          await this.#execQuietly(parseMessage("fyr: client went away"));
          await this.#execQuietly(Buffer.from([0x53, 0, 0, 0, 4])); // Sync
        }
        if (this.#status !== "I") await this.#execQuietly(queryMessage("ROLLBACK"));
      }
    } finally {
      this.#release?.();
      this.#release = undefined;
      this.#finish();
    }
  }

  async #execQuietly(message: Buffer): Promise<void> {
    const out = await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(new Uint8Array(message)));
    this.#status = lastReadyStatus(out) ?? this.#status;
  }
}

/** The transaction status of the last ReadyForQuery in a backend answer, if it has one. */
function lastReadyStatus(out: Uint8Array): string | undefined {
  const view = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  let status: string | undefined;
  for (let at = 0; at + 5 <= view.length; at += 1 + view.readInt32BE(at + 1)) {
    if (view[at] === READY_FOR_QUERY && at + 6 <= view.length) status = String.fromCharCode(view[at + 5] ?? 0);
  }
  return status;
}

function queryMessage(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`, "utf8");
  const head = Buffer.alloc(5);
  head[0] = 0x51; // 'Q'
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

// A Parse of text that is not SQL: the error it answers puts the sequence in the failed state.
function parseMessage(text: string): Buffer {
  const body = Buffer.concat([Buffer.from("\0", "utf8"), Buffer.from(`${text}\0`, "utf8"), Buffer.alloc(2)]);
  const head = Buffer.alloc(5);
  head[0] = 0x50; // 'P'
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}
