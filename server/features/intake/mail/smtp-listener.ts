import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Logger } from "../../../platform/log.js";

/** Takes one received message; resolves once its report is committed. */
export type InboundMailHandler = (
  raw: Buffer,
  envelope: { from: string | null; /** RCPT TO addresses (SMTP only), lower case. */ to?: string[] },
) => Promise<unknown>;

export interface InboundSmtpOptions {
  port: number;
  host: string;
  /** Largest message accepted; larger ones get 552 (RFC 5321 §4.5.3.1.10). */
  maxBytes: number;
  handle: InboundMailHandler;
  logger: Logger;
}

export interface InboundSmtp {
  /** The port actually listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

function envelopeSender(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  // MAIL FROM:<> is the null reverse-path of bounces and other automatic mail (RFC 5321 §4.5.5).
  return from === false ? null : from.address;
}

async function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return stream.sizeExceeded ? null : Buffer.concat(chunks);
}

/**
 * Listens for inbound mail over SMTP (no AUTH, no TLS: meant behind the CERT's MTA or on a trusted
 * network) and answers 250 only after the message's report is committed, 451 when ingest failed.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const server = new SMTPServer({
    name: "fyr",
    banner: "Fyr inbound mail",
    size: options.maxBytes,
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          if (!raw)
            throw new SmtpReply(552, `Message exceeds the fixed maximum message size (${options.maxBytes} bytes)`);
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          await options.handle(raw, { from: envelopeSender(session), to });
          callback(null, "Message accepted");
        })
        .catch((err: unknown) => {
          if (err instanceof SmtpReply) return callback(err);
          options.logger.error({ err }, "inbound mail could not be taken in");
          callback(new SmtpReply(451, "Temporary failure, please try again later"));
        });
    },
  });
  server.on("error", (err) => options.logger.warn({ err }, "inbound SMTP connection error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
