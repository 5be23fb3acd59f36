import { z } from "zod";

// Constituency imports (/api/v1/constituency/imports): a RIPE or CSV file read into a preview of what
// it would add, change and remove in the registry, then applied. Only admins and duty import.

export const ConstituencyImportFormat = z.enum(["ripe", "csv"]);
export const ConstituencyImportStatus = z.enum(["reading", "preview", "applied", "failed"]);
export const CONSTITUENCY_IMPORT_KINDS = ["organisations", "networks", "asns", "domains", "contacts"] as const;
export const ConstituencyImportKind = z.enum(CONSTITUENCY_IMPORT_KINDS);
export type ConstituencyImportKind = z.infer<typeof ConstituencyImportKind>;

const Counts = z.object({ added: z.number(), changed: z.number(), removed: z.number(), kept: z.number() });
const Sample = z.object({ key: z.string(), organisation: z.string(), what: z.string() });

export const ConstituencyImport = z.object({
  id: z.uuid(),
  status: ConstituencyImportStatus,
  format: ConstituencyImportFormat,
  source: z.string(),
  filters: z.object({ countries: z.array(z.string()).optional(), orgs: z.array(z.string()).optional() }),
  fileNames: z.array(z.string()),
  skipInvalid: z.boolean(),
  objectsRead: z.number(),
  counts: z.partialRecord(ConstituencyImportKind, Counts),
  samples: z.partialRecord(
    ConstituencyImportKind,
    z.object({
      added: z.array(Sample).optional(),
      changed: z.array(Sample).optional(),
      removed: z.array(Sample).optional(),
    }),
  ),
  errors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  errorCount: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
});
export type ConstituencyImport = z.infer<typeof ConstituencyImport>;

export const ConstituencyImportParams = z.object({ id: z.uuid() }).strict();

/** The form fields beside the file(s) of an upload. */
export const ConstituencyImportForm = z
  .object({
    format: ConstituencyImportFormat,
    /** Comma-separated ISO country codes (RIPE). */
    country: z
      .string()
      .regex(/^\s*([A-Za-z]{2}\s*(,\s*[A-Za-z]{2}\s*)*)?$/)
      .optional(),
    /** Comma-separated organisation handles (RIPE) or organisation numbers (CSV). */
    orgs: z.string().max(10_000).optional(),
    skipInvalid: z.enum(["true", "false", "on"]).optional(),
  })
  .strict();
export type ConstituencyImportForm = z.infer<typeof ConstituencyImportForm>;
