import { defineJob, type JobDefinition } from "../jobs/define.js";
import { mailSendSpec } from "./queue-mail.js";
import { findMailMessage, recordMailOutcome } from "./store.js";
import { type MailTransport, messageIdFor } from "./transport.js";

/**
 * The mail.send job: delivers one outbox message through the transport and records the outcome.
 * A failed attempt keeps the error on the message; the queue retries, and after the last attempt
 * the message is 'failed'. Sending is at-least-once: a crash between the SMTP hand-over and the
 * status update resends it, with the same Message-ID so receivers can tell.
 */
export function createMailSendJob(transport: MailTransport): JobDefinition<{ messageId: string }> {
  return defineJob({
    ...mailSendSpec,
    async handler({ messageId }, ctx) {
      const mail = await findMailMessage(ctx.db, messageId);
      if (!mail) {
        ctx.logger.warn({ messageId }, "outbox message is gone; nothing to send");
        return;
      }
      if (mail.status === "sent" || mail.status === "kept") return;
      let outcome;
      try {
        outcome = await transport.send({
          to: mail.recipients,
          subject: mail.subject,
          text: mail.text_body,
          headers: mail.headers,
          attachments: mail.attachments,
          messageId: messageIdFor(mail.id, transport.from),
          date: ctx.clock.now(),
        });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await recordMailOutcome(ctx.db, mail.id, {
          status: ctx.attempt >= ctx.maxAttempts ? "failed" : "queued",
          error,
        });
        throw err;
      }
      await recordMailOutcome(
        ctx.db,
        mail.id,
        outcome.status === "sent" ? { ...outcome, at: ctx.clock.now() } : { status: "kept" },
      );
    },
  });
}
