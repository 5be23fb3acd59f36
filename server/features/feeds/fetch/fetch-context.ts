import type { SecretBox } from "../../../platform/auth/secret-box.js";
import type { ServiceContext } from "../../../platform/deps.js";
import type { BlobStore } from "../../../platform/files/blobs.js";
import type { Logger } from "../../../platform/log.js";

/** What fetching a source's files needs: where files go, how large they may be, the sealed secrets. */
export interface FetchContext extends ServiceContext {
  blobs: BlobStore;
  secrets: SecretBox;
  logger: Logger;
  /** The largest file taken (FYR_FEED_MAX_UPLOAD_BYTES), as for an upload. */
  maxBytes: number;
  /** How long one HTTP request may take. */
  timeoutMs: number;
}

/** One HTTP request of a fetch (a URL, a Reports API call) may take this long. */
export const FEED_FETCH_TIMEOUT_MS = 120_000;
