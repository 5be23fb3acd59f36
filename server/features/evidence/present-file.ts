import type { CaseFile, DetectedType, FileCase } from "../../../contract/evidence.js";
import type { CaseFileRow } from "./case-files-store.js";
import { contentMismatch } from "./detect-type.js";
import { profileParts } from "./identify-file.js";
import type { ProfileRow } from "./profile-store.js";

/** The case a file row belongs to. */
export function caseOf(row: Pick<CaseFileRow, "case_kind" | "case_reference" | "case_title" | "case_tlp">): FileCase {
  return { kind: row.case_kind, reference: row.case_reference, title: row.case_title, tlp: row.case_tlp };
}

/** What the content is by its bytes, and whether that is what the file claims to be. */
export function detectedOf(row: CaseFileRow, profile: ProfileRow | undefined): DetectedType | null {
  if (!profile) return null;
  const content = {
    mime: profile.detected_type,
    ext: profile.detected_ext,
    textLike: profile.text_like,
    executable: profile.executable,
  };
  return { ...content, mismatch: contentMismatch(row.filename, row.declared_type, content) };
}

/** A file as a case lists it. */
export function presentCaseFile(row: CaseFileRow, profile: ProfileRow | undefined): CaseFile {
  const archive = profile ? profileParts(profile).archive : null;
  return {
    id: row.id,
    kind: row.kind,
    case: caseOf(row),
    filename: row.filename,
    declaredType: row.declared_type,
    sha256: row.sha256,
    size: row.size,
    receivedAt: row.received_at.toISOString(),
    receivedVia: row.received_via,
    detected: detectedOf(row, profile),
    archiveEntries: archive ? archive.entries.length : null,
    sample: row.sample,
  };
}
