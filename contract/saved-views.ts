import { z } from "zod";
import { IncidentView, IncidentsQuery } from "./incident-list.js";
import { IncidentStatus, Severity } from "./incidents.js";
import { Sector, TlpLabel } from "./intake.js";

// An analyst's saved filters for the incident list (GET/POST /api/v1/incidents/views, DELETE …/:id).

/** The list's query without paging: view, filters and sort. Unknown keys are refused. */
export const SavedViewFilters = IncidentsQuery.omit({ cursor: true, limit: true }).strict();
export type SavedViewFilters = z.infer<typeof SavedViewFilters>;

export const SavedViewInput = z.object({
  name: z.string().trim().min(1).max(100),
  filters: SavedViewFilters,
});
export type SavedViewInput = z.infer<typeof SavedViewInput>;

/** The filters as answered: plain lists (answers are encoded, and a comma-list parser cannot be). */
export const SavedViewFiltersOut = z.object({
  view: IncidentView,
  status: z.array(IncidentStatus).optional(),
  severity: z.array(Severity).optional(),
  tlp: z.array(TlpLabel).optional(),
  class: z.string().optional(),
  assignee: z.string().optional(),
  sector: Sector.optional(),
  q: z.string().optional(),
  sort: IncidentsQuery.shape.sort.unwrap(),
});

export const SavedView = z.object({
  id: z.string(),
  name: z.string(),
  filters: SavedViewFiltersOut,
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;

export const SavedViewParams = z.object({ id: z.uuid() });
