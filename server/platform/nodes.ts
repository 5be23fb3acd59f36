import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { appendAudit } from "./audit.js";
import { systemActor } from "./auth/actor.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";
import { startLeasedPeriodic } from "./leased-periodic.js";
import type { Logger } from "./log.js";
import { projectPath } from "./paths.js";
import { type Periodic, startPeriodic } from "./periodic.js";

/** What a node says about itself each tick. */
export interface NodeInfo {
  id: string;
  roles: readonly string[];
  version: string;
  databaseKind: string;
}

/** A node as the operations screen shows it; times are the database's. */
export interface NodeState {
  id: string;
  roles: string[];
  version: string;
  databaseKind: string;
  startedAt: Date;
  lastTickAt: Date;
  stoppedAt: Date | null;
  silent: boolean;
}

/** The dead-man's switch: nodes gone silent without a clean stop, and whether any worker still ticks. */
export interface NodeAlarms {
  silentNodes: string[];
  workerRunning: boolean;
}

export const NODE_TICK_MS = 15_000;

/** The running code's version, as package.json names it (what each node reports). */
export function fyrVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(projectPath("package.json"), "utf8"));
  const version = parsed && typeof parsed === "object" && "version" in parsed ? parsed.version : undefined;
  return typeof version === "string" ? version : "unknown";
}
const actor = systemActor("nodes");

/** This node's tick: alive now (a clean stop earlier, or a silence noticed, is over). */
export async function tickNode(db: Db, node: NodeInfo): Promise<void> {
  await db
    .insertInto("nodes")
    .values({
      id: node.id,
      roles: [...node.roles],
      version: node.version,
      database_kind: node.databaseKind,
      last_tick_at: sql<Date>`clock_timestamp()`,
      stopped_at: null,
      silent_noticed_at: null,
    })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        last_tick_at: sql<Date>`clock_timestamp()`,
        stopped_at: null,
        silent_noticed_at: null,
      }),
    )
    .execute();
}

/** A clean shutdown: the node says it stopped, so its silence raises no alarm. */
export async function markNodeStopped(db: Db, nodeId: string): Promise<void> {
  await db
    .updateTable("nodes")
    .set({ stopped_at: sql<Date>`clock_timestamp()` })
    .where("id", "=", nodeId)
    .execute();
}

/**
 * Every node seen in the last day (stopped ones too), newest tick first. Silent: past `silentAfterMs`
 * without a tick; without it, as the watcher (which knows the setting) last noticed.
 */
export async function listNodes(db: Db, silentAfterMs?: number): Promise<NodeState[]> {
  const silence =
    silentAfterMs === undefined
      ? sql<boolean>`silent_noticed_at is not null`
      : sql<boolean>`stopped_at is null and last_tick_at < clock_timestamp() - make_interval(secs => ${silentAfterMs / 1000})`;
  const rows = await db
    .selectFrom("nodes")
    .selectAll()
    .select(silence.as("is_silent"))
    .where("last_tick_at", ">", sql<Date>`clock_timestamp() - interval '1 day'`)
    .orderBy("last_tick_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    roles: r.roles,
    version: r.version,
    databaseKind: r.database_kind,
    startedAt: r.started_at,
    lastTickAt: r.last_tick_at,
    stoppedAt: r.stopped_at,
    silent: r.is_silent,
  }));
}

/** What the operations screen and the external heartbeat read: silent nodes, a stopped worker. */
export async function nodeAlarms(db: Db, silentAfterMs?: number): Promise<NodeAlarms> {
  const nodes = await listNodes(db, silentAfterMs);
  return {
    silentNodes: nodes.filter((n) => n.silent).map((n) => n.id),
    workerRunning: nodes.some((n) => !n.silent && n.stoppedAt === null && n.roles.includes("worker")),
  };
}

/**
 * Notices peers gone silent (once per silence): marks them and writes the alarm to the audit trail,
 * in one transaction under the watcher's lease. Returns the nodes newly noticed.
 */
export async function noticeSilentPeers(tx: Db, clock: Clock, silentAfterMs: number): Promise<string[]> {
  const noticed = await tx
    .updateTable("nodes")
    .set({ silent_noticed_at: sql<Date>`clock_timestamp()` })
    .where("stopped_at", "is", null)
    .where("silent_noticed_at", "is", null)
    .where("last_tick_at", "<", sql<Date>`clock_timestamp() - make_interval(secs => ${silentAfterMs / 1000})`)
    .returning(["id", "last_tick_at"])
    .execute();
  for (const node of noticed)
    await appendAudit(tx, clock, {
      actor,
      action: "nodes.silent",
      target: { type: "node", id: node.id },
      diff: { lastTickAt: node.last_tick_at.toISOString() },
    });
  return noticed.map((n) => n.id);
}

export interface NodeLoopsOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  node: NodeInfo;
  silentAfterMs: number;
  /** Pinged each minute while a worker ticks (an outside monitor's dead-man's switch). */
  heartbeatUrl?: string | undefined;
  tickMs?: number;
  fetch?: typeof fetch;
}

/**
 * Every node: its own tick; the watcher (one node at a time, by lease) that notices silent peers and
 * a stopped worker; and the external heartbeat, pinged by one node each minute only while healthy.
 */
export function startNodeLoops(options: NodeLoopsOptions): Periodic {
  const { db, clock, logger, node, silentAfterMs } = options;
  const tickMs = options.tickMs ?? NODE_TICK_MS;
  const ticking = startPeriodic({ what: "node tick", logger, intervalMs: tickMs, pass: () => tickNode(db, node) });
  let workerMissing = false;
  const watching = startLeasedPeriodic({
    what: "node watch",
    logger,
    intervalMs: tickMs,
    db,
    lease: "nodes.watch",
    holder: node.id,
    async pass(fence) {
      const silent = await fence.run((tx) => noticeSilentPeers(tx, clock, silentAfterMs));
      for (const id of silent) logger.error({ node: id }, "a Fyr node has gone silent");
      const { workerRunning } = await nodeAlarms(db, silentAfterMs);
      if (!workerRunning && !workerMissing) logger.error("no worker node is ticking: jobs and scheduled work stop");
      workerMissing = !workerRunning;
    },
  });
  const url = options.heartbeatUrl;
  const doFetch = options.fetch ?? fetch;
  const pinging = url
    ? startLeasedPeriodic({
        what: "external heartbeat",
        logger,
        intervalMs: Math.min(60_000, tickMs * 4),
        db,
        lease: "nodes.heartbeat-url",
        holder: node.id,
        async pass() {
          // Silence is the alarm an outside monitor raises: ping only while jobs can run.
          const { workerRunning, silentNodes } = await nodeAlarms(db, silentAfterMs);
          if (!workerRunning || silentNodes.length > 0) return;
          const res = await doFetch(url, { method: "GET", signal: AbortSignal.timeout(10_000) });
          if (!res.ok) logger.warn({ status: res.status }, "the external heartbeat URL refused the ping");
        },
      })
    : undefined;
  return {
    async stop() {
      await Promise.all([ticking.stop(), watching.stop(), pinging?.stop()]);
      await markNodeStopped(db, node.id).catch(() => undefined);
    },
  };
}
