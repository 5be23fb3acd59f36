import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { registerAccountsRoutes } from "./features/accounts/routes.js";
import { sealStoredSecrets } from "./features/accounts/seal-secrets.js";
import { advisorySeams } from "./advisory-seams.js";
import { registerAdviceTemplateRoutes } from "./features/advice-templates/routes.js";
import {
  createAdvisoryRuntime,
  loadCsafValidator,
  registerAdvisoryPublicRoutes,
  registerAdvisoryRoutes,
} from "./features/advisories/index.js";
import { registerCorrespondenceRoutes } from "./features/incidents/correspondence/routes.js";
import { takeIncidentReply } from "./features/incidents/correspondence/take-reply.js";
import { type MailIntakeLoops, firstRoute, startMailIntake } from "./features/intake/mail/background.js";
import {
  intakeJobs,
  registerIntakePublicRoutes,
  registerIntakeStaffRoutes,
  registerPlainReportForm,
} from "./features/intake/routes.js";
import {
  createListDispatchJob,
  listUnsubscribeRoute,
  registerListMemberRoutes,
  registerListPublicRoutes,
  registerListStaffRoutes,
} from "./features/mailing-lists/index.js";
import { certKeySource } from "./features/incidents/correspondence/seal.js";
import { registerMemberApiRoutes } from "./features/members/routes-my.js";
import { registerMemberStaffRoutes } from "./features/members/routes-staff.js";
import { registerIncidentCoreRoutes } from "./features/incidents/routes-core.js";
import { takeReporterAnswer } from "./features/incidents/resume-on-reply.js";
import { registerIncidentListRoutes } from "./features/incidents/routes-list.js";
import { registerIncidentOrganisationRoutes } from "./features/incidents/routes-organisations.js";
import { registerIncidentTaskRoutes } from "./features/incidents/routes-tasks.js";
import { createIdentificationJobs } from "./features/evidence/identification-job.js";
import { registerEvidenceRoutes } from "./features/evidence/routes.js";
import { createExtractionJob } from "./features/observables/extraction-job.js";
import { registerObservableRoutes } from "./features/observables/routes.js";
import { registerExchangeRoutes } from "./features/exchange/routes.js";
import { registerMispFeedRoutes, registerMispStaffRoutes } from "./features/exchange/routes-misp.js";
import { registerTaxiiAdminRoutes } from "./features/exchange/taxii/admin-routes.js";
import { registerTaxiiRoutes } from "./features/exchange/taxii/taxii-routes.js";
import { registerOperationsRoutes } from "./features/operations/routes.js";
import {
  createOncallPageJob,
  registerOncallPublicRoutes,
  registerOncallStaffRoutes,
  takePageReply,
} from "./features/oncall/index.js";
import { registerSearchRoutes } from "./features/search/routes.js";
import { registerDashboardRoutes } from "./features/dashboard/routes.js";
import { registerUnreadRoutes } from "./features/unread/routes.js";
import { registerPlaybookRoutes } from "./features/playbooks/routes.js";
import { registerPgpKeyRoutes } from "./features/pgp-keys/routes.js";
import { createFeedRunJob } from "./features/feeds/accept-feed-file.js";
import { registryOwners } from "./features/feeds/registry-owners.js";
import { feedMailRoute } from "./features/feeds/fetch/feed-mail.js";
import { offlineEnricher } from "./features/feeds/enrich/offline-enricher.js";
import { registerFeedRoutes } from "./features/feeds/routes.js";
import { followRegistry } from "./features/constituency/index.js";
import { registerConstituencyRoutes } from "./features/constituency/routes.js";
import type { Notifier } from "./features/notifications/make-digest.js";
import { registerNotificationRoutes } from "./features/notifications/routes.js";
import { takeNotificationMail } from "./features/notifications/take-notification-mail.js";
import {
  registerCoordinationMemberRoutes,
  registerCoordinationStaffRoutes,
  takeCoordinationMail,
} from "./features/coordination/index.js";
import { registerContactVerificationRoutes } from "./features/constituency/routes-verify.js";
import { registerYaraRoutes } from "./features/yara/routes.js";
import { registerConstituencyImportRoutes } from "./features/constituency/import/routes.js";
import { createOsintFetchJob } from "./features/vulnerabilities/osint/poll.js";
import { registerOsintRoutes } from "./features/vulnerabilities/osint/routes.js";
import { registerVulnerabilityRoutes } from "./features/vulnerabilities/routes.js";
import { registerStatisticsRoutes } from "./features/statistics/index.js";
import {
  createForumDistributeJob,
  forumMailRoute,
  registerForumMemberRoutes,
  registerForumStaffRoutes,
} from "./features/forums/index.js";
import type { Periodic } from "./platform/periodic.js";
import type { TokenPrincipal } from "./platform/auth/lookup.js";
import { PrincipalCache } from "./platform/auth/principal-cache.js";
import { systemActor } from "./platform/auth/actor.js";
import { loadSecretKeys } from "./platform/auth/secret-keys.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";
import type { DatabaseHandle } from "./platform/db/connect.js";
import { createBlobStore } from "./platform/files/blobs.js";
import type { AppDeps } from "./platform/deps.js";
import { startWorkerLoops } from "./worker-loops.js";
import { registerHealthRoutes } from "./platform/http/health.js";
import { registerSecurityTxt } from "./platform/http/security-txt.js";
import { createHttpServer } from "./platform/http/server.js";
import { RequestLoad } from "./platform/http/request-load.js";
import { SharedCounter } from "./platform/http/shared-counter.js";
import type { FyrApp } from "./platform/http/types.js";
import { registerWebRoutes } from "./platform/http/web.js";
import { type AnyJobDefinition, type Worker, createWorker, refreshQueueDepthMetric } from "./platform/jobs/index.js";
import type { Logger } from "./platform/log.js";
import { createMailSendJob, createMailTransport } from "./platform/mail/index.js";
import { createMetrics, type Metrics } from "./platform/metrics.js";
import { fyrVersion, startNodeLoops } from "./platform/nodes.js";
import { createBackupJob } from "./features/backup/service.js";
import { registerRetentionRoutes } from "./features/retention/routes.js";

export interface BuildOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  clock: Clock;
  metrics?: Metrics;
  /** Serve the built web entries (off in API tests). */
  serveWeb?: boolean;
  /**
   * Load now what the first publication would wait for (the CSAF validator: seconds of module evaluation
   * on a busy host, which block the event loop). The server does; tests and commands load it on use.
   */
  preload?: boolean;
}

export interface FyrInstance {
  http: FyrApp;
  deps: AppDeps;
  /** Starts background loops (the worker role). */
  startBackground(): void;
  /** Stops loops and waits for running jobs (or returns them to the queue). */
  stopBackground(graceMs: number): Promise<void>;
  /** Runs every due job to completion, one by one, without the background loop; for tests and CLI. */
  runDueJobs(): Promise<number>;
}

/**
 * The composition root: the only place that knows every feature. It builds the HTTP app
 * for the process's roles and the worker with every feature's jobs.
 */
export async function buildFyr(options: BuildOptions): Promise<FyrInstance> {
  const { config, logger, database, clock } = options;
  const metrics = options.metrics ?? createMetrics();
  // This process's name wherever processes share work: job leases, shared counters.
  const node = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const counter = new SharedCounter({ db: database.db, node, logger: logger.child({ component: "counter" }) });
  counter.start();
  const deps: AppDeps = {
    config,
    logger,
    metrics,
    db: database.db,
    clock,
    blobs: createBlobStore(join(config.dataDir, "blobs")),
    counter,
    secrets: (await loadSecretKeys(config)).box,
  };
  // Secrets stored before they were encrypted (or under a key since dropped from use) are sealed now.
  await sealStoredSecrets({ db: deps.db, clock, actor: systemActor("start-up") }, deps.secrets);
  const http = await createHttpServer({ config, logger, metrics, counter });
  // Background work in this process steps back while requests are being answered.
  const load = new RequestLoad();
  load.install(http);
  // After the last request: what this process counted reaches the others.
  http.addHook("onClose", async () => counter.close());
  const roles = new Set(config.roles);

  const mail = createMailTransport(config);
  // Digests to owners: signed with the CERT key; a few at once on PostgreSQL's pool, one by one on PGlite.
  const notifier: Notifier = {
    certKey: certKeySource(config),
    cert: config.cert,
    timeZone: config.timeZone,
    referencePrefix: config.referencePrefix,
    parallel: config.databaseUrl ? 4 : 1,
  };
  // Advisories: vulnerability details for their CVEs, and the mailing lists a publication is mailed to.
  const advisories = createAdvisoryRuntime(config, advisorySeams(config, clock));
  // The CSAF validator's schemas compile once, from start, where documents are published: in the
  // background (a second or more of start-up otherwise); the first publication waits for it if need be.
  if (options.preload && (roles.has("staff") || roles.has("worker")))
    loadCsafValidator().catch((err: unknown) => logger.error({ err }, "the CSAF validator did not load"));
  // Every feature's jobs, in one list: a feature adds its jobs here with one line.
  const jobs: AnyJobDefinition[] = [
    createMailSendJob(mail),
    ...intakeJobs(deps),
    createExtractionJob(deps.blobs),
    ...createIdentificationJobs(deps.blobs),
    // Each event's owner from the constituency registry's batch match, and its AS and country from the
    // shipped data, as it is stored.
    createFeedRunJob(
      deps.blobs,
      registryOwners({ db: deps.db, clock, actor: systemActor("feeds") }),
      offlineEnricher({ reverseDns: config.feedReverseDns }),
    ),
    createOsintFetchJob(),
    // List mail is signed with the CERT key correspondence signs with (loaded once per process).
    createListDispatchJob({ config, certKey: certKeySource(config) }),
    // `fyr backup` against a running server on the embedded database: the owner dumps it.
    createBackupJob({ database, config, clock }),
    // Forum posts to their members, encrypted to each member's key when known.
    createForumDistributeJob({ config, certKey: certKeySource(config) }),
    // A claimed escalation step: its pages by mail, SMS and webhook.
    createOncallPageJob(config),
  ];

  registerHealthRoutes(http, {
    db: deps.db,
    metrics,
    beforeScrape: () => refreshQueueDepthMetric(deps.db, metrics),
    exposure: { serve: [...roles].some((r) => r !== "public"), allow: config.metricsAllow },
  });
  registerSecurityTxt(http, { config, clock });
  // The owner match reads the registry's version only after a notice of a change (owner-index-state.ts).
  if (roles.has("staff") || roles.has("worker")) {
    const unfollow = await followRegistry(database);
    http.addHook("onClose", unfollow);
  }

  if (roles.has("staff") || roles.has("public")) {
    const tokenPrincipals =
      config.authCacheMs > 0
        ? await PrincipalCache.following<TokenPrincipal>(database, { ttlMs: config.authCacheMs, maxEntries: 10_000 })
        : undefined;
    http.addHook("onClose", async () => tokenPrincipals?.close());
    // First: installs the authentication hook every staff and member route relies on. Where only the
    // public role runs, it signs in members alone (the member area), never staff.
    registerAccountsRoutes(http, deps, { tokenPrincipals });
  }
  // The member area's API, beside the public surface (the public role).
  if (roles.has("public")) {
    registerMemberApiRoutes(http, deps);
    registerListMemberRoutes(http, deps);
    registerCoordinationMemberRoutes(http, deps);
    registerForumMemberRoutes(http, deps);
  }
  if (roles.has("staff")) {
    registerOperationsRoutes(http, deps);
    registerMemberStaffRoutes(http, deps);
    registerIntakeStaffRoutes(http, deps);
    registerCorrespondenceRoutes(http, deps);
    registerAdviceTemplateRoutes(http, deps);
    registerPgpKeyRoutes(http, deps);
    registerIncidentCoreRoutes(http, deps);
    registerIncidentTaskRoutes(http, deps);
    registerIncidentOrganisationRoutes(http, deps);
    registerPlaybookRoutes(http, deps);
    registerIncidentListRoutes(http, deps);
    registerSearchRoutes(http, deps);
    registerDashboardRoutes(http, deps);
    registerUnreadRoutes(http, deps);
    registerObservableRoutes(http, deps);
    registerEvidenceRoutes(http, deps);
    registerYaraRoutes(http, deps);
    registerFeedRoutes(http, deps);
    registerConstituencyImportRoutes(http, deps);
    registerConstituencyRoutes(http, deps);
    registerNotificationRoutes(http, deps, notifier);
    registerVulnerabilityRoutes(http, deps);
    registerOsintRoutes(http, deps);
    registerListStaffRoutes(http, deps);
    registerAdvisoryRoutes(http, deps, advisories);
    registerStatisticsRoutes(http, deps);
    registerExchangeRoutes(http, deps);
    registerMispStaffRoutes(http, deps);
    registerTaxiiAdminRoutes(http, deps);
    registerCoordinationStaffRoutes(http, deps);
    registerForumStaffRoutes(http, deps);
    registerOncallStaffRoutes(http, deps);
    registerRetentionRoutes(http, deps);
  }
  // The portal without JavaScript: its form's POST, and what the portal's pages say in <noscript>.
  const plainPortal = roles.has("public") ? registerPlainReportForm(http, deps) : undefined;
  if (roles.has("public")) {
    registerIntakePublicRoutes(http, { ...deps, reporterAnswered: takeReporterAnswer });
    registerContactVerificationRoutes(http, deps);
    registerListPublicRoutes(http, deps);
    registerAdvisoryPublicRoutes(http, deps, advisories);
    registerOncallPublicRoutes(http, deps);
    registerMispFeedRoutes(http, deps);
    registerTaxiiRoutes(http, deps);
  }
  if (options.serveWeb ?? true)
    await registerWebRoutes(http, { roles, cert: config.cert, portalNoscript: plainPortal?.noscript });

  const workerOptions = {
    db: deps.db,
    clock,
    logger: logger.child({ component: "worker" }),
    metrics,
    jobs,
    concurrency: config.workerConcurrency,
    workerId: node,
    requestsBusy: () => load.busy(),
  };
  let worker: Worker | undefined;
  let mailIntake: MailIntakeLoops | undefined;
  let nodeLoops: Periodic | undefined;
  let workerLoops: Periodic[] = [];

  return {
    http,
    deps,
    startBackground() {
      // Every node, whatever its roles, ticks into the database; peers notice its silence (platform/nodes.ts).
      nodeLoops ??= startNodeLoops({
        db: deps.db,
        clock,
        logger: logger.child({ component: "nodes" }),
        node: { id: node, roles: config.roles, version: fyrVersion(), databaseKind: database.kind },
        silentAfterMs: config.nodeSilentMs,
        heartbeatUrl: config.heartbeatUrl,
      });
      // Inbound mail (SMTP listener: public or worker; IMAP poller: worker), when configured.
      mailIntake ??= startMailIntake(deps, roles, {
        incidentReplies: takeIncidentReply,
        reporterAnswered: takeReporterAnswer,
        coordinationMail: takeCoordinationMail,
        // A reply to a page ("ack") first, then the notifier's (both tie mail by the reply token only).
        notificationMail: async (hookDeps, mail) =>
          (await takePageReply(hookDeps, mail)) ?? takeNotificationMail(hookDeps, mail),
        // Mail to a forum's list address is the forum's (features/forums/list-mail-in.ts); to a list's
        // unsubscribe address unsubscribes (features/mailing-lists/unsubscribe-mail.ts); to a feed
        // source's address is that source's report (features/feeds/fetch/feed-mail.ts).
        route: firstRoute(
          forumMailRoute({ ...deps, logger: logger.child({ component: "forum-mail" }) }),
          listUnsubscribeRoute({ ...deps, logger: logger.child({ component: "list-unsubscribe-mail" }) }),
          feedMailRoute({
            ...deps,
            logger: logger.child({ component: "feed-mail" }),
            maxBytes: config.feedMaxUploadBytes,
          }),
        ),
      });
      if (!roles.has("worker") || worker) return;
      worker = createWorker(workerOptions);
      worker.start();
      workerLoops = startWorkerLoops({ deps, database, load, node, notifier, advisories });
    },
    async stopBackground(graceMs) {
      await mailIntake?.stop();
      mailIntake = undefined;
      await worker?.stop(graceMs);
      worker = undefined;
      // In the order they started: the audit sealer first, so entries the worker's last jobs wrote are sealed.
      for (const loop of workerLoops) await loop.stop();
      workerLoops = [];
      await nodeLoops?.stop();
      nodeLoops = undefined;
      mail.close();
    },
    runDueJobs: () => createWorker(workerOptions).drain(),
  };
}
