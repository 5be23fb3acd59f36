import { startScheduledPublishing } from "./features/advisories/index.js";
import { startListRetention } from "./features/mailing-lists/index.js";
import { certKeySource } from "./features/incidents/correspondence/seal.js";
import { startMispFeedPulls } from "./features/exchange/misp-pull.js";
import { startTaxiiPulls } from "./features/exchange/taxii/subscriptions.js";
import { startOncallLoop } from "./features/oncall/index.js";
import { startReportIndexer } from "./features/search/report-indexer.js";
import { startObservableStatsRefresher } from "./features/observables/stats-refresher.js";
import { FEED_FETCH_TIMEOUT_MS } from "./features/feeds/fetch/fetch-context.js";
import { startFeedFetching } from "./features/feeds/fetch/fetch-sources.js";
import { startFeedRetention } from "./features/feeds/retention.js";
import { startNotificationPass } from "./features/notifications/notification-pass.js";
import { startEmbargoReminders } from "./features/coordination/index.js";
import { startContactVerification } from "./features/constituency/verify-contacts.js";
import { loadYaraBinding } from "./features/yara/binding.js";
import { startYaraScanning } from "./features/yara/scan-pass.js";
import { startOsintPolling } from "./features/vulnerabilities/osint/poll.js";
import { startVulnerabilityPulls } from "./features/vulnerabilities/pulls.js";
import { startStatisticsRefresh } from "./features/statistics/index.js";
import { createYaraScanner } from "./features/yara/scanner.js";
import { startForumDigests, startForumReconfirmation } from "./features/forums/index.js";
import { loadAnchorKey } from "./platform/audit-anchor.js";
import { mailAnchorIfDue } from "./platform/audit-anchor-mail.js";
import { startAuditSealer } from "./platform/audit-sealer.js";
import { systemActor } from "./platform/auth/actor.js";
import { startScheduledBackups } from "./features/backup/service.js";
import { startRetention } from "./features/retention/schedule.js";
import type { AdvisoryRuntime } from "./features/advisories/runtime.js";
import type { Notifier } from "./features/notifications/make-digest.js";
import type { DatabaseHandle } from "./platform/db/connect.js";
import type { AppDeps } from "./platform/deps.js";
import type { RequestLoad } from "./platform/http/request-load.js";
import type { Periodic } from "./platform/periodic.js";

// The scheduled work a worker node runs beside its job queue, started in this order and stopped in it
// (the audit sealer first, so what the worker's last jobs wrote is sealed). Each loop takes what it
// needs from the composition root (app.ts); none of them answers requests.

export interface WorkerLoopContext {
  deps: AppDeps;
  database: DatabaseHandle;
  /** Requests being answered: loops that can wait step back meanwhile. */
  load: RequestLoad;
  /** This process's name where processes share work. */
  node: string;
  notifier: Notifier;
  advisories: AdvisoryRuntime;
}

/** Starts every scheduled loop of a worker node; the loops, in the order to stop them. */
export function startWorkerLoops(ctx: WorkerLoopContext): Periodic[] {
  const { deps, database, load, node, notifier, advisories } = ctx;
  const { config, clock, logger } = deps;
  const mailTo = config.auditAnchorMailTo;
  const sealer = startAuditSealer({
    db: deps.db,
    clock,
    logger: logger.child({ component: "audit-sealer" }),
    key: loadAnchorKey(config),
    afterPass: mailTo ? async () => void (await mailAnchorIfDue(deps.db, clock, mailTo)) : undefined,
  });
  const searchIndexer = startReportIndexer(deps.db, logger.child({ component: "search-indexer" }), {
    busy: () => load.busy(),
  });
  let yaraScanning: Periodic | undefined;
  const yara = loadYaraBinding();
  const yaraLogger = logger.child({ component: "yara" });
  if (yara instanceof Error) yaraLogger.warn({ err: yara }, "YARA-X is not available: files are not scanned");
  else
    yaraScanning = startYaraScanning({
      db: deps.db,
      clock,
      logger: yaraLogger,
      blobs: deps.blobs,
      scanner: createYaraScanner({ timeoutMs: config.yaraTimeoutMs, logger: yaraLogger }),
      node,
      maxFileBytes: config.yaraMaxFileBytes,
      timeoutMs: config.yaraTimeoutMs,
      busy: () => load.busy(),
    });
  const feedRetention = startFeedRetention({
    db: deps.db,
    clock,
    logger: logger.child({ component: "feed-retention" }),
    months: config.feedRetentionMonths,
  });
  const feedFetching = startFeedFetching({
    db: deps.db,
    clock,
    actor: systemActor("feed-fetch"),
    blobs: deps.blobs,
    secrets: deps.secrets,
    logger: logger.child({ component: "feed-fetch" }),
    maxBytes: config.feedMaxUploadBytes,
    timeoutMs: FEED_FETCH_TIMEOUT_MS,
  });
  const contactVerification = startContactVerification({
    db: deps.db,
    clock,
    config,
    logger: logger.child({ component: "contact-verification" }),
  });
  const notificationPass = startNotificationPass({
    db: deps.db,
    clock,
    logger: logger.child({ component: "notifications" }),
    notifier,
  });
  const vulnerabilityPulls = startVulnerabilityPulls({
    db: deps.db,
    clock,
    config,
    logger: logger.child({ component: "vulnerability-pulls" }),
  });
  const osintPolling = startOsintPolling({
    db: deps.db,
    clock,
    everyMs: config.osintPollMs,
    logger: logger.child({ component: "osint" }),
    busy: () => load.busy(),
  });
  const listRetention = startListRetention({
    db: deps.db,
    clock,
    logger: logger.child({ component: "list-retention" }),
  });
  const scheduledAdvisories = startScheduledPublishing(
    { db: deps.db, clock, ...advisories },
    logger.child({ component: "advisories" }),
  );
  const retention = startRetention({
    db: deps.db,
    clock,
    logger: logger.child({ component: "retention" }),
    node,
    settings: config.retentionMonths,
  });
  let scheduledBackups: Periodic | undefined;
  if (config.backup.dir)
    scheduledBackups = startScheduledBackups(
      { database, config, clock },
      { ...config.backup, dir: config.backup.dir, logger: logger.child({ component: "backup" }), node },
    );
  const embargoReminders = startEmbargoReminders({
    db: deps.db,
    clock,
    config,
    logger: logger.child({ component: "coordination" }),
  });
  const forumReconfirmation = startForumReconfirmation({
    db: deps.db,
    clock,
    config,
    logger: logger.child({ component: "forum-reconfirmation" }),
  });
  const forumDigests = startForumDigests({
    db: deps.db,
    clock,
    config,
    certKey: certKeySource(config),
    logger: logger.child({ component: "forum-digests" }),
  });
  const oncallLoop = startOncallLoop({ db: deps.db, clock, config, logger: logger.child({ component: "oncall" }) });
  const mispFeedPulls = startMispFeedPulls({
    db: deps.db,
    clock,
    logger: logger.child({ component: "misp-feed-pulls" }),
  });
  const taxiiPulls = startTaxiiPulls({ ...deps, logger: logger.child({ component: "taxii-client" }) });
  const statsRefresher = startObservableStatsRefresher(deps.db, logger.child({ component: "observable-summary" }), {
    busy: () => load.busy(),
  });
  const statisticsRefresh = startStatisticsRefresh({
    db: deps.db,
    clock,
    logger: logger.child({ component: "statistics" }),
  });
  return [
    sealer,
    searchIndexer,
    yaraScanning,
    feedRetention,
    feedFetching,
    contactVerification,
    notificationPass,
    vulnerabilityPulls,
    osintPolling,
    listRetention,
    scheduledAdvisories,
    retention,
    scheduledBackups,
    embargoReminders,
    forumReconfirmation,
    forumDigests,
    oncallLoop,
    mispFeedPulls,
    taxiiPulls,
    statsRefresher,
    statisticsRefresh,
  ].filter((loop): loop is Periodic => loop !== undefined);
}
