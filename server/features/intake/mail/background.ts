import type { Role } from "../../../platform/config.js";
import type { AppDeps } from "../../../platform/deps.js";
import { type ImapPoller, startImapPoller } from "./imap-poller.js";
import { ingestMail, type MailIntakeDeps } from "./ingest.js";
import { loadPgpKeyring } from "./pgp-keyring.js";
import { type InboundSmtp, startInboundSmtp } from "./smtp-listener.js";
import { databaseAnswers } from "./store.js";

export interface MailIntakeLoops {
  /** Resolves once the listener listens and the poller has started (or failed to, logged). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts inbound mail for a process: the SMTP listener (FYR_INBOUND_SMTP_PORT; public or worker role)
 * and the IMAP poller (FYR_IMAP_URL; worker role). Nothing starts when neither is configured.
 */
/**
 * Mail to another feature's address (a feed source's mailbox): the taker of the message for these
 * recipients, or null when it is a report for intake.
 */
export type InboundMailRoute = (recipients: readonly string[]) => Promise<((raw: Buffer) => Promise<unknown>) | null>;

/** Several features' routes as one: the first that takes the recipients. */
export function firstRoute(...routes: InboundMailRoute[]): InboundMailRoute {
  return async (recipients) => {
    for (const route of routes) {
      const taker = await route(recipients);
      if (taker) return taker;
    }
    return null;
  };
}

export function startMailIntake(
  deps: AppDeps,
  roles: ReadonlySet<Role>,
  hooks: Pick<MailIntakeDeps, "incidentReplies" | "reporterAnswered" | "notificationMail" | "coordinationMail"> & {
    route?: InboundMailRoute;
  } = {},
): MailIntakeLoops {
  const { config, logger } = deps;
  const log = logger.child({ component: "mail-intake" });
  let smtp: InboundSmtp | null = null;
  let imap: ImapPoller | null = null;
  const wantSmtp = config.inboundSmtpPort !== undefined && (roles.has("public") || roles.has("worker"));
  const wantImap = config.imapUrl !== undefined && roles.has("worker");

  const start = async () => {
    if (!wantSmtp && !wantImap) return;
    const intake: MailIntakeDeps = { ...deps, ...hooks, logger: log, keyring: await loadPgpKeyring(config) };
    if (wantSmtp && config.inboundSmtpPort !== undefined) {
      smtp = await startInboundSmtp({
        port: config.inboundSmtpPort,
        host: config.host,
        maxBytes: config.maxReportBytes,
        logger: log,
        handle: async (raw, envelope) => {
          const routed = hooks.route && envelope.to ? await hooks.route(envelope.to) : null;
          return routed ? routed(raw) : ingestMail(intake, raw, "smtp", envelope);
        },
      });
      log.info({ port: smtp.port }, "inbound SMTP listening");
    }
    if (wantImap && config.imapUrl) {
      imap = startImapPoller({
        url: config.imapUrl,
        logger: log,
        handle: (raw) => ingestMail(intake, raw, "imap"),
        isOutage: async () => !(await databaseAnswers(deps.db)),
      });
    }
  };
  const ready = start().catch((err: unknown) => log.error({ err }, "inbound mail could not start"));

  return {
    ready,
    async stop() {
      await ready;
      await smtp?.close();
      await imap?.stop();
    },
  };
}
