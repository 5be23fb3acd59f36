import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { appendAudit } from "../../platform/audit.js";
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
 * Audited like a file download: an export hands a case's values to someone outside Fyr, so who took
 * which incident's values, in which format and how many, is evidence.
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
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: "incident.observables_exported",
    target: { type: "incident", id: scope.reference },
    diff: { format, count: items.length, sha256 },
    ip: ctx.ip ?? null,
  });
  return {
    filename,
    size: bytes.length,
    sha256,
    stream: Readable.from([bytes]),
  };
}
