import { HIGH_CRITICALITY_SECTORS, type Sector } from "../../../contract/intake.js";
import type { Config } from "../../platform/config.js";

export interface Timeliness {
  ageSeconds: number;
  ackTargetMinutes: number;
  overdue: boolean;
}

/**
 * How soon a report should be acknowledged: the shorter NIS2 target when NIS2 applies or the
 * organisation is in a sector of high criticality (NIS2 annex I), else the general one.
 */
export function ackTargetMinutes(
  report: { nis2_applies: boolean | null; organisation_sector: string | null },
  config: Pick<Config, "ackTargetMinutes" | "ackTargetNis2Minutes">,
): number {
  const essential =
    report.nis2_applies === true || HIGH_CRITICALITY_SECTORS.includes(report.organisation_sector as Sector);
  return essential ? config.ackTargetNis2Minutes : config.ackTargetMinutes;
}

/** A report's age at `now` and whether it is still new past its acknowledgement target. */
export function timeliness(
  report: { status: string; received_at: Date; nis2_applies: boolean | null; organisation_sector: string | null },
  config: Pick<Config, "ackTargetMinutes" | "ackTargetNis2Minutes">,
  now: Date,
): Timeliness {
  const ageMs = Math.max(0, now.getTime() - report.received_at.getTime());
  const target = ackTargetMinutes(report, config);
  return {
    ageSeconds: Math.floor(ageMs / 1000),
    ackTargetMinutes: target,
    overdue: report.status === "new" && ageMs > target * 60_000,
  };
}
