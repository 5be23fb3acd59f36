import type { Actor } from "./auth/actor.js";
import type { SecretBox } from "./auth/secret-box.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/connect.js";
import type { BlobStore } from "./files/blobs.js";
import type { SharedCounter } from "./http/shared-counter.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

/** What the composition root hands to every feature's routes and jobs. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  /** Counters shared across processes (rate limits, upload quotas). */
  counter: SharedCounter;
  /** Seals secrets stored in the database (TOTP); keys from FYR_SECRET_KEY or the data dir's key file. */
  secrets: SecretBox;
}

/** What a service function receives: who acts, on which database (or transaction), at what time. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  clock: Clock;
  /** Client address, recorded in the audit trail when known. */
  ip?: string | null;
}
