import { ArchiveListing, MessageSummary } from "../../../contract/evidence.js";
import type { Db } from "../../platform/db/connect.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { type ContentType, HEAD_BYTES, detectContent } from "./detect-type.js";
import { listZip } from "./list-archive.js";
import { MAX_MESSAGE_BYTES, type OpenedMessage, openMessage } from "./open-message.js";
import { type ProfileRow, selectProfile, upsertProfile } from "./profile-store.js";

/** The rules' version: a profile made by older rules is made again when next asked for. */
export const IDENTIFICATION_VERSION = 1;

// Formats that are ZIPs inside (Office, Java, Android, browser extensions): listed like one.
const ZIP_FAMILY = new Set(["zip", "docx", "xlsx", "pptx", "jar", "apk", "epub", "odt", "ods", "odp", "xpi", "crx"]);

/** A claim about the file from where it was recorded: an .eml that does not look like mail is still tried. */
export interface FileHint {
  filename?: string;
  declaredType?: string;
}

/**
 * What the content with this SHA-256 is — hashes, type by its bytes, an archive's entries, a message
 * opened — identified once and kept (content never changes under its hash). Throws `blob_not_found`
 * when the bytes are gone; never for what the bytes are.
 */
export async function identifyFile(
  db: Db,
  blobs: BlobStore,
  sha256: string,
  hint: FileHint = {},
  now = new Date(),
): Promise<ProfileRow> {
  const kept = await selectProfile(db, sha256);
  if (kept && kept.version >= IDENTIFICATION_VERSION) return kept;
  const hashes = await blobs.hashes(sha256);
  const { detected, archive, message } = await readContent(blobs, sha256, hint);
  const row = {
    ...hashes,
    detected_type: detected.mime,
    detected_ext: detected.ext,
    text_like: detected.textLike,
    executable: detected.executable,
    archive,
    message: message?.summary ?? null,
    version: IDENTIFICATION_VERSION,
    identified_at: now,
  };
  await upsertProfile(db, row);
  const stored = await selectProfile(db, sha256);
  if (!stored) throw new Error(`profile of ${sha256} was not stored`);
  return stored;
}

async function readContent(
  blobs: BlobStore,
  sha256: string,
  hint: FileHint,
): Promise<{ detected: ContentType; archive: ArchiveListing | null; message: OpenedMessage | null }> {
  const file = await blobs.openRandomAccess(sha256);
  try {
    const detected = await detectContent(await file.read(0, HEAD_BYTES));
    const archive = detected.ext !== null && ZIP_FAMILY.has(detected.ext) ? await listZip(file) : null;
    const message = isMessage(detected, hint) && file.size <= MAX_MESSAGE_BYTES ? await readMessage(file) : null;
    return { detected, archive, message };
  } finally {
    await file.close();
  }
}

function isMessage(detected: ContentType, hint: FileHint): boolean {
  if (detected.mime === "message/rfc822") return true;
  const claimed = /\.eml$/i.test(hint.filename ?? "") || /^message\/rfc822\b/i.test(hint.declaredType ?? "");
  return claimed && detected.textLike;
}

async function readMessage(file: { size: number; read(offset: number, length: number): Promise<Uint8Array> }) {
  return openMessage(Buffer.from(await file.read(0, file.size)));
}

/** A message file opened again for its whole text (the profile keeps a part), or null if it is none. */
export async function openMessageFile(blobs: BlobStore, profile: ProfileRow): Promise<OpenedMessage | null> {
  if (profile.message === null || profile.size > MAX_MESSAGE_BYTES) return null;
  const file = await blobs.openRandomAccess(profile.sha256);
  try {
    return await readMessage(file);
  } finally {
    await file.close();
  }
}

/** The profile's stored archive listing and message, checked (what does not parse reads as none). */
export function profileParts(profile: ProfileRow): {
  archive: ArchiveListing | null;
  message: MessageSummary | null;
} {
  const archive = ArchiveListing.safeParse(profile.archive);
  const message = MessageSummary.safeParse(profile.message);
  return { archive: archive.success ? archive.data : null, message: message.success ? message.data : null };
}
