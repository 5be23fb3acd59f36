import type { DeliveryStatus, Thread, ThreadMessage, ThreadsView } from "../../../../contract/correspondence.js";
import type { MailStatus } from "../../../platform/db/tables/platform.js";
import { forbidden } from "../../../platform/errors.js";
import { readsCases } from "../../../platform/tlp.js";
import { loadVisibleIncident } from "../access.js";
import type { IncidentContext } from "../types.js";
import {
  type ConversationRow,
  type LinkedReportRow,
  selectConversations,
  selectLinkedReports,
} from "./reporter-store.js";
import { type IncidentMessageRow, selectIncidentMessages, selectThreads } from "./store.js";
import { mailFromAddress } from "./types.js";

const outStatus = (status: MailStatus | null): DeliveryStatus => status ?? "none";

function reporterMessage(m: ConversationRow, report: LinkedReportRow, certAddress: string): ThreadMessage {
  const fromReporter = m.author === "reporter";
  return {
    id: m.id,
    direction: fromReporter ? "in" : "out",
    // A mailed reply answering our mail may come from a colleague: its real From, not the report's address.
    from: fromReporter ? (m.from_address ?? report.reporter_email) : certAddress,
    to: fromReporter ? [certAddress] : (m.to_addresses ?? (report.reporter_email ? [report.reporter_email] : [])),
    subject: m.subject,
    body: m.body,
    sentAt: m.sent_at.toISOString(),
    deliveryStatus: fromReporter ? "received" : outStatus(m.mail_status),
    encrypted: m.encrypted ?? false,
    signed: m.signed ?? false,
    via: m.via,
    auth: m.mail_auth,
    verifiedBy: m.mail_verified_by,
  };
}

function thirdPartyMessage(m: IncidentMessageRow): ThreadMessage {
  return {
    id: m.id,
    direction: m.direction,
    from: m.from_address,
    to: m.to_addresses,
    subject: m.subject,
    body: m.body,
    sentAt: m.sent_at.toISOString(),
    deliveryStatus: m.direction === "in" ? "received" : outStatus(m.mail_status),
    encrypted: m.encrypted,
    signed: m.signed,
    via: "email",
    auth: m.mail_auth,
    verifiedBy: m.mail_verified_by,
  };
}

/**
 * An incident's correspondence: one reporter thread per linked report the reader may see (the report's
 * conversation, as on the follow-up page) and one thread per third party, each oldest message first.
 */
export async function listThreads(ctx: IncidentContext, reference: string): Promise<ThreadsView> {
  if (!readsCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow reading incidents");
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const linked = await selectLinkedReports(ctx.db, incident.id, ctx.actor);
  const [conversation, threads, messages] = await Promise.all([
    selectConversations(
      ctx.db,
      linked.map((r) => r.id),
    ),
    selectThreads(ctx.db, incident.id),
    selectIncidentMessages(ctx.db, incident.id),
  ]);
  const certAddress = mailFromAddress(ctx.config.mailFrom);
  const reporterThreads: Thread[] = linked.map((report) => ({
    id: report.reference,
    kind: "reporter",
    counterpart: report.reporter_name ?? report.reporter_email ?? report.reference,
    addresses: report.reporter_email ? [report.reporter_email] : [],
    report: report.reference,
    messages: conversation.filter((m) => m.report_id === report.id).map((m) => reporterMessage(m, report, certAddress)),
  }));
  const thirdPartyThreads: Thread[] = threads.map((t) => ({
    id: t.id,
    kind: "third-party",
    counterpart: t.counterpart,
    addresses: t.addresses,
    report: null,
    messages: messages.filter((m) => m.thread_id === t.id).map(thirdPartyMessage),
  }));
  return { threads: [...reporterThreads, ...thirdPartyThreads] };
}
