import type { IncidentAttachment, IncidentAttachmentList } from "../../../contract/incidents.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { AppError, forbidden, notFound } from "../../platform/errors.js";
import type { BlobStore, Download } from "../../platform/files/blobs.js";
import { worksCases } from "../../platform/tlp.js";
import { openRawDownload } from "../evidence/raw-download.js";
import type { StoredAttachment } from "../intake/service.js";
import { loadIncidentForChange, loadVisibleIncident } from "./access.js";
import {
  type IncidentAttachmentRow,
  insertIncidentAttachment,
  selectIncidentAttachment,
  selectIncidentAttachments,
} from "./attachments-store.js";
import { insertIncidentEvent } from "./events-store.js";
import type { IncidentContext } from "./types.js";

// Files on an incident live in the same content-addressed blob store as report attachments. They may
// be malware samples: always downloaded (never shown inline), and who fetched which is audited.

function present(row: IncidentAttachmentRow): IncidentAttachment {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by ? { id: row.uploaded_by, name: row.uploader_name ?? "" } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Checked before an upload is read, so nothing of a refused upload reaches the blob store: the
 * incident must be visible (404) and the actor must work incidents (403).
 */
export async function assertMayAttach(ctx: IncidentContext, reference: string): Promise<void> {
  await loadVisibleIncident(ctx.db, ctx.actor, reference);
  if (!worksCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow changing incidents");
}

/** Records files already streamed into the blob store as the incident's; one timeline entry each. */
export async function addAttachments(
  ctx: IncidentContext,
  reference: string,
  files: readonly StoredAttachment[],
): Promise<IncidentAttachmentList> {
  if (files.length === 0)
    throw new AppError("no_files", "invalid", "Attach at least one file", {
      errors: [{ path: "body.attachments", message: "required", code: "required" }],
    });
  return inTransaction(ctx.db, async (tx) => {
    const incident = await loadIncidentForChange(tx, ctx.actor, reference);
    const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
    const now = ctx.clock.now();
    const ids: string[] = [];
    for (const file of files) {
      const id = await insertIncidentAttachment(tx, { incidentId: incident.id, ...file, by, at: now });
      ids.push(id);
      await insertIncidentEvent(tx, {
        incidentId: incident.id,
        kind: "attachment",
        occurredAt: now,
        recordedAt: now,
        authorId: by,
        data: { attachmentId: id, filename: file.filename, size: file.size, sha256: file.sha256 },
      });
    }
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "incident.files_attached",
      target: { type: "incident", id: incident.reference },
      diff: { files: files.map((f, i) => ({ id: ids[i], filename: f.filename, sha256: f.sha256, size: f.size })) },
      ip: ctx.ip ?? null,
    });
    const rows = new Map((await selectIncidentAttachments(tx, incident.id)).map((r) => [r.id, r]));
    // In the order they were sent.
    return { items: ids.flatMap((id) => rows.get(id) ?? []).map(present) };
  });
}

/** The incident's files, oldest first. */
export async function listAttachments(ctx: IncidentContext, reference: string): Promise<IncidentAttachmentList> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  return { items: (await selectIncidentAttachments(ctx.db, incident.id)).map(present) };
}

/** One file of the incident, for download; the fetch is a custody link (evidence handling). */
export async function downloadIncidentAttachment(
  ctx: IncidentContext,
  blobs: BlobStore,
  reference: string,
  attachmentId: string,
): Promise<Download> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const row = await selectIncidentAttachment(ctx.db, incident.id, attachmentId);
  if (!row) throw notFound("attachment_not_found", "No such attachment on this incident");
  // Through evidence's one raw-download path: a sample is refused, the custody link written.
  return openRawDownload(ctx, blobs, row.id, "incident-attachment", {
    action: "incident.file_downloaded",
    diff: { attachmentId, sha256: row.sha256 },
  });
}
