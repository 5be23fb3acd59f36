import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../platform/log.js";
import { type Dovecot, startDovecot } from "../../../../test/support/dovecot.js";
import { waitFor } from "../../../../test/support/wait.js";
import { FAILED_KEYWORD, startImapPoller } from "./imap-poller.js";

// The poller's own promises, against a real Dovecot: \Seen only after the handler succeeded, a message
// that keeps failing is flagged and skipped. (Reports from IMAP end to end: imap-intake.test.ts.)
const started = await startDovecot();
const skip = typeof started === "string" ? started : null;
const logger = createLogger("silent");

function message(id: string, subject: string): Buffer {
  return Buffer.from(
    `From: Poller Test <poller@exempel.se>\r\nTo: cert@cert.example\r\nSubject: ${subject}\r\n` +
      `Message-ID: <${id}@exempel.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nText of ${subject}\r\n`,
  );
}

describe.skipIf(skip !== null)(`IMAP poller against Dovecot${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const dovecot = started as Dovecot;
  let client: ImapFlow;
  const connect = async () => {
    client = new ImapFlow({
      host: "127.0.0.1",
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
  };

  beforeAll(connect);
  afterAll(async () => {
    await client.logout().catch(() => client.close());
    dovecot.stop();
  });

  async function flagsOf(subject: string): Promise<Set<string>> {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const uids = (await client.search({ subject }, { uid: true })) || [];
      const uid = uids[0];
      if (uid === undefined) throw new Error(`no message "${subject}"`);
      const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true });
      return msg && msg.flags ? msg.flags : new Set();
    } finally {
      lock.release();
    }
  }

  it("marks a message seen only after the handler has finished, and flags one that keeps failing", async () => {
    await client.append("INBOX", message("good-1", "good one"));
    await client.append("INBOX", message("bad-1", "bad one"));
    const handled: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const poller = startImapPoller({
      url: dovecot.url,
      logger,
      pollIntervalMs: 50,
      handle: async (raw) => {
        const text = raw.toString("utf8");
        if (text.includes("bad one")) throw new Error("this message always fails");
        await gate;
        handled.push(text);
      },
    });
    try {
      // While the handler has not finished, the message stays unseen (a crash here loses nothing).
      await new Promise((r) => setTimeout(r, 300));
      expect((await flagsOf("good one")).has("\\Seen")).toBe(false);
      release();
      await waitFor(async () => (await flagsOf("good one")).has("\\Seen"), { what: "good message seen" });
      await waitFor(async () => (await flagsOf("bad one")).has(FAILED_KEYWORD), { what: "bad message flagged" });
      expect((await flagsOf("bad one")).has("\\Seen")).toBe(false);
      expect(handled).toHaveLength(1);
    } finally {
      await poller.stop();
    }
  });

  it("does not blame a message for an outage: it stays unseen and unflagged, and is taken once things work", async () => {
    await client.append("INBOX", message("outage-1", "during an outage"));
    let down = true;
    let attempts = 0;
    const poller = startImapPoller({
      url: dovecot.url,
      logger,
      pollIntervalMs: 50,
      maxAttempts: 2,
      isOutage: async () => down,
      handle: async (raw) => {
        if (!raw.toString("utf8").includes("during an outage")) return;
        attempts += 1;
        if (down) throw new Error("database unreachable");
      },
    });
    try {
      await waitFor(() => attempts >= 3, { what: "several attempts during the outage", timeoutMs: 15_000 });
      const flags = await flagsOf("during an outage");
      expect(flags.has(FAILED_KEYWORD)).toBe(false);
      expect(flags.has("\\Seen")).toBe(false);
      down = false;
      await waitFor(async () => (await flagsOf("during an outage")).has("\\Seen"), { what: "taken after the outage" });
    } finally {
      await poller.stop();
    }
  });

  it("picks up a message appended while it waits (IDLE), and keeps going after its connection is cut", async () => {
    const handled: string[] = [];
    const poller = startImapPoller({
      url: dovecot.url,
      logger,
      handle: async (raw) => {
        handled.push(raw.toString("utf8"));
      },
    });
    try {
      await poller.passed();
      await client.append("INBOX", message("idle-1", "arrives during idle"));
      await waitFor(() => handled.some((t) => t.includes("arrives during idle")), { what: "idle delivery" });
      dovecot.kick(); // cuts our own test connection too
      await connect();
      await client.append("INBOX", message("after-kick-1", "arrives after a cut"));
      await waitFor(() => handled.some((t) => t.includes("arrives after a cut")), { what: "delivery after reconnect" });
    } finally {
      await poller.stop();
    }
  });
});
