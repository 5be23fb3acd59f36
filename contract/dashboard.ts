import { z } from "zod";
import { IncidentListItem } from "./incident-list.js";
import { ReportChannel, Sector, TlpLabel } from "./intake.js";

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

export const Dashboard = z.object({
  unacknowledged: z.object({
    /** Every new report the caller may see. */
    total: z.number().int(),
    /** The oldest first, at most 200. */
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
  generatedAt: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;
