import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentAttachmentsTable } from "../../platform/db/tables/incidents.js";
import { queueFileIdentification } from "../evidence/identification-job.js";
import { queueExtraction } from "../observables/extraction-job.js";

// SQL for files attached to incidents (the bytes are in the blob store, named by SHA-256).

export type IncidentAttachmentRow = Selectable<IncidentAttachmentsTable> & { uploader_name: string | null };

export async function insertIncidentAttachment(
  tx: Db,
  row: {
    incidentId: string;
    filename: string;
    contentType: string;
    sha256: string;
    size: number;
    by: string | null;
    at: Date;
  },
): Promise<string> {
  const inserted = await tx
    .insertInto("incident_attachments")
    .values({
      incident_id: row.incidentId,
      filename: row.filename,
      content_type: row.contentType,
      sha256: row.sha256,
      size: row.size,
      uploaded_by: row.by,
      created_at: row.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Queued beside the insert, in its transaction, so no writer of this row can forget extraction.
  await queueExtraction(tx, "incident-attachment", inserted.id);
  await queueFileIdentification(tx, [{ sha256: row.sha256, filename: row.filename, declaredType: row.contentType }]);
  return inserted.id;
}

function attachmentsOf(db: Db, incidentId: string) {
  return db
    .selectFrom("incident_attachments as a")
    .leftJoin("users as u", "u.id", "a.uploaded_by")
    .selectAll("a")
    .select("u.name as uploader_name")
    .where("a.incident_id", "=", incidentId);
}

/** The incident's files, oldest first. */
export async function selectIncidentAttachments(db: Db, incidentId: string): Promise<IncidentAttachmentRow[]> {
  return attachmentsOf(db, incidentId).orderBy("a.created_at").orderBy("a.id").execute();
}

export async function selectIncidentAttachment(
  db: Db,
  incidentId: string,
  id: string,
): Promise<IncidentAttachmentRow | undefined> {
  return attachmentsOf(db, incidentId).where("a.id", "=", id).executeTakeFirst();
}
