import { AppError } from "../../platform/errors.js";
import { formatBytes } from "../../platform/files/blobs.js";
import { clientKey } from "../../platform/http/client-address.js";
import type { SharedCounter } from "../../platform/http/shared-counter.js";

const HOUR_MS = 3_600_000;

/** How many file bytes one client may still send through the public surface this hour. */
export interface UploadQuota {
  /** Refuses (429) when nothing is left, before a file's first byte is stored. */
  check(): Promise<void>;
  /** Counts `bytes` about to be stored; refuses (429) once the hour's quota is passed. */
  meter(bytes: number): Promise<void>;
}

/**
 * The per-client byte quota (FYR_PUBLIC_UPLOAD_BYTES_PER_HOUR), counted in the shared counter so it
 * holds across processes like the rate limits. Bytes count as they stream in, so parallel uploads
 * from one client draw on one quota; a refused file's bytes count too (they were sent). The per-file
 * and per-report limits stay as they are; this bounds what an anonymous client can make us store.
 */
export function uploadQuota(counter: SharedCounter, bytesPerHour: number, ip: string): UploadQuota | null {
  if (bytesPerHour <= 0) return null;
  const bucket = `upload-bytes:${clientKey(ip)}`;
  const exceeded = (resetMs: number) =>
    new AppError(
      "upload_quota_exceeded",
      "rate_limited",
      `At most ${formatBytes(bytesPerHour)} of files per hour may be sent from one address`,
      { retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)) },
    );
  return {
    async check() {
      const { total, resetMs } = await counter.add(bucket, HOUR_MS, 0);
      if (total >= bytesPerHour) throw exceeded(resetMs);
    },
    async meter(bytes) {
      const { total, resetMs } = await counter.add(bucket, HOUR_MS, bytes);
      if (total > bytesPerHour) throw exceeded(resetMs);
    },
  };
}
