import { z } from "zod";
import { IncidentListItem } from "./incident-list.js";
import { Nis2DeadlineKind, ReportChannel, Sector, TlpLabel } from "./intake.js";
import { AuditEntry } from "./operations.js";
import { NewReply } from "./unread.js";
import { NodeStatus } from "./nodes.js";

// The duty officer's dashboard (GET /api/v1/dashboard): what waits for acknowledgement, what is late,
// and today's numbers. Everything through the TLP policy, counts included.

/** A report still waiting for acknowledgement, with its clock against the target. */
export const UnacknowledgedReport = z.object({
  reference: z.string(),
  channel: ReportChannel,
  receivedAt: z.string(),
  summary: z.string().nullable(),
  organisationName: z.string().nullable(),
  sector: Sector.nullable(),
  tlp: TlpLabel,
  nis2: z.boolean(),
  ageSeconds: z.number().int(),
  ackTargetMinutes: z.number().int(),
  /** Older than its target. */
  overdue: z.boolean(),
});
export type UnacknowledgedReport = z.infer<typeof UnacknowledgedReport>;

export const SeverityCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
});

/** A NIS2 deadline not met yet, due within 24 hours or already passed. */
export const Nis2DueDeadline = z.object({
  reference: z.string(),
  summary: z.string().nullable(),
  kind: Nis2DeadlineKind,
  /** Whose deadline: the reporter's next stage, or the CERT's own initial feedback. */
  party: z.enum(["reporter", "cert"]),
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type Nis2DueDeadline = z.infer<typeof Nis2DueDeadline>;

/** For administrators: what the platform itself needs (operations feature). */
export const OperationsAttention = z.object({
  failedJobs: z.number().int(),
  failedMail: z.number().int(),
  /** Queued for more than 15 minutes. */
  stuckMail: z.number().int(),
  latestAudit: z.array(AuditEntry),
  /** Every node seen in the last day (platform/nodes.ts), and whether a worker still ticks. */
  nodes: z.array(NodeStatus),
  workerRunning: z.boolean(),
});
export type OperationsAttention = z.infer<typeof OperationsAttention>;

export const Dashboard = z.object({
  unacknowledged: z.object({
    /** Every new report the caller may see. */
    total: z.number().int(),
    /** NIS2 reports first, then the oldest first; at most 200. */
    items: z.array(UnacknowledgedReport),
  }),
  overdueIncidents: z.object({
    total: z.number().int(),
    /** Due soonest first, at most 20. */
    items: z.array(IncidentListItem),
  }),
  today: z.object({
    /** The calendar day in the CERT's time zone, e.g. 2026-11-20. */
    date: z.string(),
    timeZone: z.string(),
    reportsReceived: z.number().int(),
    incidentsOpened: z.number().int(),
    incidentsResolved: z.number().int(),
  }),
  /** Incidents new, open or stalled, by severity. */
  openBySeverity: SeverityCounts,
  /** Reports and incidents with replies the caller has not looked at, the latest first (at most 20). */
  newReplies: z.array(NewReply),
  /** The caller's own overdue incidents, due soonest first (at most 20). */
  myOverdueIncidents: z.array(IncidentListItem),
  /** NIS2 deadlines due in the next 24 hours or passed, soonest first. */
  nis2Due: z.array(Nis2DueDeadline),
  /** Administrators only (else null). */
  operations: OperationsAttention.nullable(),
  generatedAt: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;
