import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Download } from "../../platform/files/blobs.js";
import { listCaseObservables } from "./case-observables.js";
import { resolveCase } from "./case-scope.js";
import { observablesCsv } from "./export-csv.js";
import { observablesStixBundle } from "./export-stix.js";
import type { ObservablesContext } from "./related.js";

export type ExportFormat = "csv" | "stix";

/**
 * An incident's values as a file for partners and tools: CSV, or a STIX 2.1 bundle of indicators
 * marked with the incident's TLP. Built in memory: a case lists at most 5,000 values.
 */
export async function exportIncidentObservables(
  ctx: ObservablesContext,
  reference: string,
  format: ExportFormat,
): Promise<Download> {
  const scope = await resolveCase(ctx, "incident", reference);
  const { items } = await listCaseObservables(ctx, "incident", scope.reference);
  const incident = { reference: scope.reference, title: scope.title, tlp: scope.tlp };
  const text =
    format === "csv"
      ? observablesCsv(incident, items)
      : JSON.stringify(
          observablesStixBundle(incident, items, {
            now: ctx.clock.now(),
            producer: new URL(ctx.config.publicUrl).hostname,
          }),
          null,
          2,
        );
  const bytes = Buffer.from(text, "utf8");
  const filename = `${scope.reference}-observables.${format === "csv" ? "csv" : "stix.json"}`;
  return {
    filename,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    stream: Readable.from([bytes]),
  };
}
