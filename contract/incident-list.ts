import { z } from "zod";
import { PageOf } from "./page.js";
import { TlpLabel, Sector } from "./intake.js";
import { Classification, IncidentClock, IncidentStatus, PapLabel, Severity, UserRef } from "./incidents.js";

// The incident list: views (mine, unassigned, overdue, stalled, …), filters, sort, keyset pages.

export const IncidentListItem = z.object({
  reference: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: Severity,
  classification: Classification.nullable(),
  tlp: TlpLabel,
  pap: PapLabel,
  assignee: UserRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reportCount: z.number().int(),
  /** A reply came (from a reporter of a linked report, or a third party) since the caller last looked. */
  unread: z.boolean(),
  ...IncidentClock.shape,
});
export type IncidentListItem = z.infer<typeof IncidentListItem>;

export const IncidentView = z.enum(["all", "mine", "unassigned", "overdue", "stalled", "open"]);
export type IncidentView = z.infer<typeof IncidentView>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter((s) => s.length > 0) : v), z.array(item).max(20));

export const IncidentsQuery = z.object({
  view: IncidentView.default("all"),
  status: csv(IncidentStatus).optional(),
  severity: csv(Severity).optional(),
  tlp: csv(TlpLabel).optional(),
  class: z.string().max(100).optional(),
  /** A user id, or "me" for the caller. */
  assignee: z.union([z.literal("me"), z.uuid()]).optional(),
  sector: Sector.optional(),
  /** Words in the title (full text, Swedish and English stems) or part of the reference. */
  q: z.string().trim().max(200).optional(),
  /** `unread`: what is new to the caller first, then by last update. */
  sort: z.enum(["created", "updated", "due", "severity", "unread"]).default("created"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
});
export type IncidentsQuery = z.infer<typeof IncidentsQuery>;

export const IncidentsPage = PageOf(IncidentListItem);
export type IncidentsPage = z.infer<typeof IncidentsPage>;
