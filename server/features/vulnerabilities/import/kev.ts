import { z } from "zod";
import { streamArrayMember } from "./json-members.js";

// CISA's KEV catalogue (known_exploited_vulnerabilities.json). Read leniently: CISA's published schema
// lags the data (forensicTriage and cwes were in entries before the schema named them), so an entry
// keeps every field it has, and only what Fyr needs is checked.

const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,19}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const KevEntry = z.looseObject({
  cveID: z.string().trim().regex(CVE_ID, "not a CVE id"),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: z.string().regex(DAY, "not YYYY-MM-DD"),
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: z.string().regex(DAY, "not YYYY-MM-DD"),
  knownRansomwareCampaignUse: z.string().optional(),
  notes: z.string().optional(),
  cwes: z.array(z.string()).optional(),
});
export type KevEntry = z.infer<typeof KevEntry>;

/** An element of the catalogue that is not an entry: its place and why. */
export interface RejectedEntry {
  index: number;
  cve: string | null;
  message: string;
}

/** One batch of the catalogue: its valid entries and the elements refused. */
export interface KevBatch {
  entries: KevEntry[];
  rejected: RejectedEntry[];
}

/** Reads the catalogue as it streams, in batches; `header` has catalogVersion, dateReleased, count. */
export function readKevCatalogue(chunks: AsyncIterable<string | Uint8Array>): {
  batches: AsyncGenerator<KevBatch>;
  header: Record<string, unknown>;
} {
  const stream = streamArrayMember(chunks, "vulnerabilities");
  async function* batches(): AsyncGenerator<KevBatch> {
    let index = 0;
    for await (const elements of stream.elements) {
      const batch: KevBatch = { entries: [], rejected: [] };
      for (const element of elements) {
        index += 1;
        const parsed = KevEntry.safeParse(element);
        if (parsed.success) batch.entries.push(parsed.data);
        else {
          const id = typeof element === "object" && element !== null && "cveID" in element ? element.cveID : null;
          batch.rejected.push({
            index,
            cve: typeof id === "string" ? id : null,
            message: parsed.error.issues.map((i) => `${i.path.join(".") || "entry"}: ${i.message}`).join("; "),
          });
        }
      }
      yield batch;
    }
  }
  return { batches: batches(), header: stream.header };
}
