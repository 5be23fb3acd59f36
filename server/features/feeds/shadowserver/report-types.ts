import { z } from "zod";
import { AppError } from "../../../platform/errors.js";
import generated from "./report-types.json" with { type: "json" };

// Shadowserver's report types as data (report-types.json, generated from their report schema): the
// RSIT classification, the identifier and the expected columns of each. One parser reads them all.

const ReportType = z.object({
  reportType: z.string(),
  name: z.string(),
  taxonomy: z.string(),
  type: z.string(),
  identifier: z.string(),
  classificationFrom: z.string(),
  columns: z.array(z.string()),
});
export type ShadowserverReportType = z.infer<typeof ReportType>;

const REPORT_TYPES = new Map(
  z
    .object({ reportTypes: z.array(ReportType) })
    .parse(generated)
    .reportTypes.map((t) => [t.reportType, t]),
);

/** Every report type, by name. */
export function shadowserverReportTypes(): readonly ShadowserverReportType[] {
  return [...REPORT_TYPES.values()];
}

/** The report type by its name, or a clear refusal naming it. */
export function findShadowserverReportType(name: string): ShadowserverReportType {
  const found = REPORT_TYPES.get(name.trim().toLowerCase());
  if (!found) {
    throw new AppError("feed_report_type_unknown", "invalid", `Shadowserver report type "${name}" is not known to Fyr`);
  }
  return found;
}

/**
 * The report type a Shadowserver file name says: "2026-11-30-scan_rdp-sweden-geo.csv" → scan_rdp.
 * Undefined when the name does not follow Shadowserver's pattern (then the type must be given).
 */
export function reportTypeFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const m = /^\d{4}-\d{2}-\d{2}-([a-z0-9_]+)-.*?\.csv(?:\.gz)?$/i.exec(base);
  return m?.[1]?.toLowerCase();
}
