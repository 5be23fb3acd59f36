import { ImapFlow } from "imapflow";
import type { Logger } from "../../../platform/log.js";
import type { InboundMailHandler } from "./smtp-listener.js";

/** Set on a message that failed to be taken in several times, so it is skipped, never retried forever. */
export const FAILED_KEYWORD = "$FyrFailed";

export interface ImapPollerOptions {
  /** imap[s]://user:pass@host:port/Mailbox (mailbox defaults to INBOX). */
  url: string;
  handle: InboundMailHandler;
  logger: Logger;
  /** How often to look when the server has no IDLE. */
  pollIntervalMs?: number;
  /** Failed attempts before a message is flagged and skipped. */
  maxAttempts?: number;
  /** True when a failure is the platform's (database down), not the message's: such failures are not counted. */
  isOutage?: () => Promise<boolean>;
}

export interface ImapPoller {
  /** Resolves after the next complete pass over the mailbox. */
  passed(): Promise<void>;
  stop(): Promise<void>;
}

/** Connection settings from FYR_IMAP_URL. */
export function imapSettings(url: string) {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
  };
}

interface PassState {
  attempts: Map<string, number>;
  isRunning: () => boolean;
}

/** Takes in every unseen message once; marks each \Seen only after its report is committed. */
async function processUnseen(
  client: ImapFlow,
  mailbox: string,
  state: PassState,
  o: ImapPollerOptions,
): Promise<{ failed: number }> {
  let failed = 0;
  const lock = await client.getMailboxLock(mailbox);
  try {
    const uids = (await client.search({ seen: false, unKeyword: FAILED_KEYWORD }, { uid: true })) || [];
    const validity = client.mailbox ? String(client.mailbox.uidValidity) : "0";
    for (const uid of uids) {
      if (!state.isRunning()) break;
      const key = `${validity}:${uid}`;
      // Source is fetched with BODY.PEEK, so reading does not mark the message seen.
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      try {
        await o.handle(message.source, { from: null });
      } catch (err) {
        // An outage fails every message alike: end the pass and retry later without blaming the message.
        if (o.isOutage && (await o.isOutage())) throw err;
        failed += 1;
        const attempts = (state.attempts.get(key) ?? 0) + 1;
        state.attempts.set(key, attempts);
        o.logger.warn({ err, uid, attempts }, "inbound IMAP message could not be taken in");
        if (attempts >= (o.maxAttempts ?? 3)) {
          await client.messageFlagsAdd(String(uid), [FAILED_KEYWORD], { uid: true });
          o.logger.error({ uid }, `inbound IMAP message flagged ${FAILED_KEYWORD} and skipped`);
        }
        continue;
      }
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      state.attempts.delete(key);
    }
  } finally {
    lock.release();
  }
  return { failed };
}

/** An IMAP connection for one mailbox's settings (imapSettings). */
function imapClient(settings: ReturnType<typeof imapSettings>, autoIdleDelay?: number): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.pass },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    ...(autoIdleDelay === undefined ? {} : { autoIdleDelay }),
  });
}

/**
 * One pass over a mailbox's unseen messages, then log out: for mailboxes looked at on a schedule
 * (a feed source's folder) rather than watched. Same rules as the poller: a message is \Seen only
 * once taken in; one that keeps failing is flagged after `maxAttempts` passes (`attempts` carries the
 * count from pass to pass).
 */
export async function pollMailboxOnce(
  options: Omit<ImapPollerOptions, "pollIntervalMs"> & { attempts: Map<string, number> },
): Promise<{ failed: number }> {
  const settings = imapSettings(options.url);
  const client = imapClient(settings);
  client.on("error", (err: unknown) => options.logger.warn({ err }, "IMAP connection error"));
  await client.connect();
  try {
    return await processUnseen(
      client,
      settings.mailbox,
      { attempts: options.attempts, isRunning: () => true },
      options,
    );
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * Polls a mailbox for inbound reports: IDLE when the server offers it, else every 30 s; reconnects with
 * back-off. A restart neither loses (unseen until committed) nor doubles (the handler dedupes by Message-ID).
 */
export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const settings = imapSettings(options.url);
  let running = true;
  let client: ImapFlow | null = null;
  let wake: () => void = () => {};
  let passWaiters: (() => void)[] = [];
  const state: PassState = { attempts: new Map(), isRunning: () => running };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    let backoffMs = 1000;
    while (running) {
      // This connection does nothing else: start IDLE soon after each pass so new mail is told at once.
      const c = imapClient(settings, 1000);
      client = c;
      c.on("exists", () => wake());
      c.on("close", () => wake());
      c.on("error", (err: unknown) => options.logger.warn({ err }, "IMAP connection error"));
      try {
        await c.connect();
        const hasIdle = c.capabilities.has("IDLE");
        while (running && c.usable) {
          const pass = await processUnseen(c, settings.mailbox, state, options);
          backoffMs = 1000;
          const waiters = passWaiters;
          passWaiters = [];
          for (const w of waiters) w();
          // With IDLE the server tells us of new mail ("exists"); the long timer is only a safety net.
          // A message that failed is tried again at the polling pace until it is flagged.
          const interval = options.pollIntervalMs ?? 30_000;
          await sleep(hasIdle && pass.failed === 0 ? 300_000 : interval);
        }
      } catch (err) {
        if (running) options.logger.warn({ err, backoffMs }, "IMAP poll failed; reconnecting");
      } finally {
        await c.logout().catch(() => c.close());
      }
      if (!running) break;
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 60_000);
    }
  };
  const done = loop();

  return {
    passed: () => new Promise<void>((resolve) => passWaiters.push(resolve)),
    async stop() {
      running = false;
      wake();
      // Let the message in hand finish (commit, then \Seen); cut a hanging connection after a while.
      const timer = setTimeout(() => client?.close(), 5000);
      await done;
      clearTimeout(timer);
      for (const w of passWaiters) w();
    },
  };
}
