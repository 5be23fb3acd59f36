import type { Db } from "../../platform/db/connect.js";

/** Which of these blobs a report, a reply, an arrived mail, an attachment (report, incident), an incident mail's file or a feed run references. */
export async function selectReferencedBlobs(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const attached = await db.selectFrom("report_attachments").select("sha256").where("sha256", "in", hashes).execute();
  const raw = await db.selectFrom("reports").select("raw_sha256").where("raw_sha256", "in", hashes).execute();
  // A threaded reply's raw message, and every copy of a message that arrived again (mail_arrivals).
  const rawReplies = await db
    .selectFrom("report_messages")
    .select("raw_sha256")
    .where("raw_sha256", "in", hashes)
    .execute();
  const arrived = await db.selectFrom("mail_arrivals").select("raw_sha256").where("raw_sha256", "in", hashes).execute();
  const onIncidents = await db
    .selectFrom("incident_attachments")
    .select("sha256")
    .where("sha256", "in", hashes)
    .execute();
  const onIncidentMail = await db
    .selectFrom("incident_message_files")
    .select("sha256")
    .where("sha256", "in", hashes)
    .execute();
  // A feed file, kept once with its run (features/feeds).
  const feedFiles = await db.selectFrom("feed_runs").select("raw_sha256").where("raw_sha256", "in", hashes).execute();
  return new Set([
    ...feedFiles.flatMap((r) => (r.raw_sha256 ? [r.raw_sha256] : [])),
    ...attached.map((r) => r.sha256),
    ...onIncidentMail.map((r) => r.sha256),
    ...onIncidents.map((r) => r.sha256),
    ...raw.flatMap((r) => (r.raw_sha256 ? [r.raw_sha256] : [])),
    ...rawReplies.flatMap((r) => (r.raw_sha256 ? [r.raw_sha256] : [])),
    ...arrived.map((r) => r.raw_sha256),
  ]);
}

/** Whether a job of this name is already queued to run at or after `from`. */
export async function isJobQueuedFrom(db: Db, name: string, from: Date): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("status", "=", "queued")
    .where("run_at", ">=", from)
    .where("name", "=", name)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
