import type { TypedValue } from "../../../contract/observables.js";
import type { Db } from "../../platform/db/connect.js";
import { AppError } from "../../platform/errors.js";
import type { BlobStore } from "../../platform/files/blobs.js";
import { identifyFile, openMessageFile, profileParts } from "./identify-file.js";

// What a file gives the observables extraction (features/observables/extraction-job.ts): its own
// hashes, the hashes of what it holds, and how to read it — so a sample's hash correlates across cases
// by SHA-256, SHA-1 or MD5, whichever another CERT's report names, and a mail is read as mail.

/** Values a stored file yields by what it is, and whether (and as what) its content is text. */
export interface FileForExtraction {
  /** Its SHA-256, SHA-1 and MD5; then the SHA-256 of each archive entry and each attachment of a message. */
  values: TypedValue[];
  /** A message's headers and body as text (read instead of its raw bytes), else null. */
  messageText: string | null;
  /** The bytes are text by their content (read them as such); false for a program called .txt. */
  textLike: boolean;
  /** The bytes are a known binary format: never read as text, whatever the name says. */
  binary: boolean;
}

/** Identifies the file (once, kept) and says what extraction should take from it. */
export async function describeFileForExtraction(
  db: Db,
  blobs: BlobStore,
  file: { sha256: string; filename: string; contentType: string },
): Promise<FileForExtraction> {
  const profile = await identifyFile(db, blobs, file.sha256, {
    filename: file.filename,
    declaredType: file.contentType,
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "blob_not_found") return null;
    throw err;
  });
  // Bytes that are gone still have the hash they were recorded under (and are read as nothing).
  if (!profile)
    return { values: [{ type: "sha256", value: file.sha256 }], messageText: null, textLike: false, binary: true };
  const { archive, message } = profileParts(profile);
  const values: TypedValue[] = [
    { type: "sha256", value: profile.sha256 },
    { type: "sha1", value: profile.sha1 },
    { type: "md5", value: profile.md5 },
  ];
  for (const entry of archive?.entries ?? []) if (entry.sha256) values.push({ type: "sha256", value: entry.sha256 });
  for (const attachment of message?.attachments ?? []) values.push({ type: "sha256", value: attachment.sha256 });
  const opened = message ? await openMessageFile(blobs, profile) : null;
  return {
    values,
    messageText: opened?.text ?? null,
    textLike: profile.text_like,
    binary: !profile.text_like && profile.detected_type !== null,
  };
}
