import type { CaseKind, SightingOrigin } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";

// SQL that reads the rows observables are extracted from. Like search, extraction reads across the
// features that own these rows: it only reads, and one place knowing every source is what keeps
// "every report, mail, note and message" true as sources are added.

/** A row whose writing queues an extraction; the job also reads the files that came with it. */
export const EXTRACTION_SOURCE_KINDS = [
  "report",
  "report-message",
  "note",
  "incident-message",
  "incident-attachment",
] as const;
export type ExtractionSourceKind = (typeof EXTRACTION_SOURCE_KINDS)[number];

export interface ExtractionSource {
  caseKind: CaseKind;
  caseId: string;
  origin: SightingOrigin;
  originId: string;
  seenAt: Date;
  /** Text written in the row itself. */
  text: string | null;
  /** A stored file: its own SHA-256 is an observable, and a text file's content is read. */
  file: { sha256: string; filename: string; contentType: string } | null;
}

const joinText = (...parts: (string | null)[]) => parts.filter((p) => p !== null && p !== "").join("\n");

type FileRow = { id: string; sha256: string; filename: string; content_type: string };

function fileSources(
  files: FileRow[],
  on: { caseKind: CaseKind; caseId: string; seenAt: Date },
  origin: SightingOrigin,
): ExtractionSource[] {
  return files.map((f) => ({
    ...on,
    origin,
    originId: f.id,
    text: null,
    file: { sha256: f.sha256, filename: f.filename, contentType: f.content_type },
  }));
}

const FILE_COLUMNS = ["id", "sha256", "filename", "content_type"] as const;

/** The row and the files that came with it; empty when it is gone or holds no text (a system event). */
export async function selectExtractionSources(
  db: Db,
  kind: ExtractionSourceKind,
  id: string,
): Promise<ExtractionSource[]> {
  switch (kind) {
    case "report": {
      const r = await db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
      if (r === undefined) return [];
      const text = joinText(
        r.summary,
        r.what_happened,
        r.discovery_how,
        r.countermeasures,
        r.help_wanted,
        r.contacted_parties,
      );
      const on = { caseKind: "report", caseId: r.id, seenAt: r.received_at } as const;
      const files = await db
        .selectFrom("report_attachments")
        .select(FILE_COLUMNS)
        .where("report_id", "=", r.id)
        .where("message_id", "is", null)
        .execute();
      return [
        { ...on, origin: "report", originId: r.id, text, file: null },
        ...fileSources(files, on, "report-attachment"),
      ];
    }
    case "report-message": {
      const m = await db.selectFrom("report_messages").selectAll().where("id", "=", id).executeTakeFirst();
      if (m === undefined) return [];
      const on = { caseKind: "report", caseId: m.report_id, seenAt: m.sent_at } as const;
      const files = await db
        .selectFrom("report_attachments")
        .select(FILE_COLUMNS)
        .where("message_id", "=", m.id)
        .execute();
      return [
        { ...on, origin: "report-message", originId: m.id, text: m.body, file: null },
        ...fileSources(files, on, "report-attachment"),
      ];
    }
    case "note": {
      const e = await db
        .selectFrom("incident_events")
        .selectAll()
        .where("id", "=", id)
        .where("kind", "=", "note")
        .executeTakeFirst();
      if (e === undefined) return [];
      // When it happened, as the analyst wrote it: a note about last week's logs dates its values then.
      return [
        {
          caseKind: "incident",
          caseId: e.incident_id,
          origin: "note",
          originId: e.id,
          seenAt: e.occurred_at,
          text: e.body,
          file: null,
        },
      ];
    }
    case "incident-message": {
      const m = await db.selectFrom("incident_messages").selectAll().where("id", "=", id).executeTakeFirst();
      if (m === undefined) return [];
      const on = { caseKind: "incident", caseId: m.incident_id, seenAt: m.sent_at } as const;
      // The original of an inbound mail is evidence; its text is the body already read.
      const files = await db
        .selectFrom("incident_message_files")
        .select(FILE_COLUMNS)
        .where("message_id", "=", m.id)
        .where("kind", "=", "attachment")
        .execute();
      return [
        { ...on, origin: "incident-message", originId: m.id, text: joinText(m.subject, m.body), file: null },
        ...fileSources(files, on, "incident-attachment"),
      ];
    }
    case "incident-attachment": {
      const a = await db.selectFrom("incident_attachments").selectAll().where("id", "=", id).executeTakeFirst();
      if (a === undefined) return [];
      return fileSources(
        [a],
        { caseKind: "incident", caseId: a.incident_id, seenAt: a.created_at },
        "incident-attachment",
      );
    }
  }
}
