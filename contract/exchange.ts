import { z } from "zod";

// Exchange (issue 17): exports of incidents to partners and the public, TAXII 2.1 and MISP.

/**
 * Who an export is for: `partner` (any partner CERT, at TLP:GREEN), `partner:<organisation id>` (one
 * partner, at its agreement's TLP and as a named recipient), `organisation:<id>` (one member
 * organisation), `public`. Default `partner`.
 */
export const ExportAudience = z.union([
  z.literal("partner"),
  z.literal("public"),
  z.string().regex(/^(partner|organisation):[0-9a-f-]{36}$/i),
]);
export type ExportAudience = z.infer<typeof ExportAudience>;

export const ExportQuery = z.object({ audience: ExportAudience.default("partner") });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** What an export left out, by reason (the sharing decision's WithheldReason), sent as a header. */
export const WithheldSummary = z.object({
  values: z.record(z.string(), z.number().int()),
  notes: z.record(z.string(), z.number().int()),
});
export type WithheldSummary = z.infer<typeof WithheldSummary>;
