// The attachment limits the public API applies by default (FYR_MAX_ATTACHMENT_BYTES and
// FYR_MAX_REPORT_BYTES). The form uses the configured ones from GET /api/public/v1/limits
// (useIntakeLimits); these stand in until that answers, or if it never does.
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

/** Largest single file, and all files of one report or message together, in bytes. */
export interface AttachmentLimits {
  file: number;
  total: number;
}
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { file: MAX_FILE_BYTES, total: MAX_TOTAL_BYTES };

/** Bytes as a person reads them, in the server's units (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number, language: string): string {
  const mb = 1024 * 1024;
  const number = (n: number) => new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB").format(n);
  if (bytes >= mb) return `${number(Number((bytes / mb).toFixed(1)))} MB`;
  if (bytes >= 1024) return `${number(Number((bytes / 1024).toFixed(1)))} KB`;
  return `${number(bytes)} ${language === "sv" ? "byte" : "bytes"}`;
}

export type FileProblem = { kind: "file_too_large"; name: string } | { kind: "total_too_large" };

/** Which of `adding` can join `current` within the limits; the rest are named as problems. */
export function checkFiles(
  current: readonly File[],
  adding: readonly File[],
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): { accepted: File[]; problems: FileProblem[] } {
  let total = current.reduce((sum, f) => sum + f.size, 0);
  const accepted: File[] = [];
  const problems: FileProblem[] = [];
  for (const file of adding) {
    if (file.size > limits.file) problems.push({ kind: "file_too_large", name: file.name });
    else if (total + file.size > limits.total) {
      if (!problems.some((p) => p.kind === "total_too_large")) problems.push({ kind: "total_too_large" });
    } else {
      accepted.push(file);
      total += file.size;
    }
  }
  return { accepted, problems };
}
