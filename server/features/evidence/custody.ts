import type { CustodyEvent } from "../../../contract/evidence.js";
import { appendAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { timeOrderedId } from "../../platform/db/time-ordered-id.js";
import type { CaseFileKind } from "../../../contract/evidence.js";
import type { CustodyEventKind } from "../../platform/db/tables/evidence.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { CaseFileRow } from "./case-files-store.js";
import { type CustodyEventRow, insertCustodyEvent, selectCustodyEvents } from "./custody-store.js";

// The chain of custody: who received a file and how (the row that recorded it), then every time it left
// Fyr, was marked, recorded or deleted — each link written with its audit entry in one transaction, so
// a link exists exactly when the audit trail (whose sealed chain shows tampering) says it does.

/** What a custody link names of the file: enough to stand alone once the file is deleted. */
export interface CustodyFile {
  id: string;
  kind: CaseFileKind;
  case_kind: "report" | "incident";
  case_id: string;
  case_reference: string;
  sha256: string;
  filename: string;
  size: number;
}

export type CustodyLink =
  | { event: "downloaded"; route: string }
  | { event: "exported"; format: string }
  | { event: "marked_sample"; reason: string }
  | { event: "custody_record"; language: "sv" | "en" }
  | { event: "verified"; intact: boolean }
  | { event: "deleted"; reason: string };

/** The audit entry a link is written with; existing downloads keep the action they always had. */
export interface CustodyAudit {
  action: string;
  diff?: Record<string, unknown>;
}

const DEFAULT_ACTION: Record<CustodyEventKind, string> = {
  downloaded: "file.downloaded",
  exported: "file.exported",
  marked_sample: "file.marked_sample",
  custody_record: "file.custody_record_exported",
  verified: "file.verified",
  deleted: "file.deleted",
};

function person(actor: Actor): { id: string | null; name: string; email: string | null } {
  switch (actor.kind) {
    case "user":
      return { id: actor.userId, name: actor.name, email: actor.email };
    case "system":
      return { id: null, name: `system:${actor.name}`, email: null };
    case "anonymous":
      return { id: null, name: "anonymous", email: null };
  }
}

/** Appends one link to the file's chain and its audit entry. Run it inside the caller's transaction. */
export async function appendCustody(
  tx: Db,
  ctx: ServiceContext,
  file: CustodyFile,
  link: CustodyLink,
  audit?: CustodyAudit,
): Promise<void> {
  const who = person(ctx.actor);
  const { event, ...details } = link;
  await insertCustodyEvent(tx, {
    id: timeOrderedId(),
    file_id: file.id,
    file_kind: file.kind,
    case_kind: file.case_kind,
    case_id: file.case_id,
    sha256: file.sha256,
    filename: file.filename,
    size: file.size,
    event,
    at: ctx.clock.now(),
    actor_id: who.id,
    actor_name: who.name,
    actor_email: who.email,
    ip: ctx.ip ?? null,
    details: JSON.stringify(details),
  });
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action: audit?.action ?? DEFAULT_ACTION[event],
    target: { type: file.case_kind, id: file.case_reference },
    diff: audit?.diff ?? { fileId: file.id, sha256: file.sha256, ...details },
    ip: ctx.ip ?? null,
  });
}

function presentStored(row: CustodyEventRow): CustodyEvent {
  const base = {
    id: row.id,
    at: row.at.toISOString(),
    by: { id: row.actor_id, name: row.actor_name, email: row.actor_email },
  };
  const d = row.details;
  const text = (key: string) => (typeof d[key] === "string" ? d[key] : "");
  switch (row.event) {
    case "downloaded":
      return { ...base, event: "downloaded", route: text("route") };
    case "exported":
      return { ...base, event: "exported", format: text("format") };
    case "marked_sample":
      return { ...base, event: "marked_sample", reason: text("reason") };
    case "custody_record":
      return { ...base, event: "custody_record", language: d.language === "en" ? "en" : "sv" };
    case "verified":
      return { ...base, event: "verified", intact: d.intact === true };
    case "deleted":
      return { ...base, event: "deleted", reason: text("reason") };
  }
}

/** How the file was received, from the row that recorded it. */
export function receiptOf(file: CaseFileRow) {
  const from =
    file.sender_address || file.sender_name ? { address: file.sender_address, name: file.sender_name } : null;
  return {
    at: file.received_at.toISOString(),
    via: file.received_via,
    mailSource: file.mail_source,
    from,
    by: file.received_by
      ? { id: file.received_by, name: file.received_by_name ?? "", email: file.received_by_email }
      : null,
    mailAuth: file.mail_auth
      ? { spf: file.mail_auth.spf, dkim: file.mail_auth.dkim, dmarc: file.mail_auth.dmarc }
      : null,
  };
}

/** The whole chain, oldest first: the receipt, then every stored link. */
export async function custodyChain(db: Db, file: CaseFileRow | null, fileId: string): Promise<CustodyEvent[]> {
  const stored = (await selectCustodyEvents(db, fileId)).map(presentStored);
  if (!file) return stored;
  const receipt = receiptOf(file);
  return [{ id: `received:${file.id}`, event: "received", at: receipt.at, by: receipt.by, receipt }, ...stored];
}
