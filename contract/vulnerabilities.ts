import { z } from "zod";
import { IncidentStatus } from "./incidents.js";
import { TlpLabel } from "./intake.js";
import { PageOf } from "./page.js";

// Vulnerability monitoring (api-v1.md "Vulnerabilities and advisories"; issue 16): CVE records, CISA KEV
// entries and FIRST EPSS scores joined by CVE id, organisations' declared products, OSINT news items.

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/i;
export const CveId = z
  .string()
  .trim()
  .regex(CVE_ID, "a CVE id: CVE-YYYY-NNNN")
  .transform((v) => v.toUpperCase());

export const CveParams = z.object({ cve: CveId });

export const CvssMetric = z.object({
  version: z.enum(["2.0", "3.0", "3.1", "4.0"]),
  baseScore: z.number(),
  baseSeverity: z.string().nullable(),
  vectorString: z.string(),
  /** "cna", or the ADP that added it ("CISA-ADP"). */
  source: z.string(),
});
export type CvssMetric = z.infer<typeof CvssMetric>;

export const KevFacts = z.object({
  dateAdded: z.string(),
  dueDate: z.string(),
  /** "Known" or "Unknown", as CISA writes it. */
  knownRansomwareCampaignUse: z.string().nullable(),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  shortDescription: z.string(),
  requiredAction: z.string(),
  notes: z.string().nullable(),
  cwes: z.array(z.string()),
});
export type KevFacts = z.infer<typeof KevFacts>;

export const EpssFacts = z.object({
  score: z.number(),
  percentile: z.number(),
  date: z.string(),
  previousScore: z.number().nullable(),
  previousDate: z.string().nullable(),
});
export type EpssFacts = z.infer<typeof EpssFacts>;

export const AffectedProduct = z.object({
  vendor: z.string(),
  product: z.string(),
  cpes: z.array(z.string()),
  versions: z.array(
    z.object({
      version: z.string(),
      status: z.string(),
      lessThan: z.string().optional(),
      lessThanOrEqual: z.string().optional(),
    }),
  ),
});

/** GET /api/v1/vulnerabilities/{cve}: everything Fyr knows about one CVE. */
export const Vulnerability = z.object({
  cve: z.string(),
  state: z.enum(["PUBLISHED", "REJECTED"]).nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** The headline score (newest CVSS version, the CNA's first); absent when no record gives one. */
  cvss: CvssMetric.optional(),
  /** Every CVSS metric the record holds (CNA and ADP, each version). */
  metrics: z.array(CvssMetric),
  kev: KevFacts.nullable(),
  epss: EpssFacts.nullable(),
  affected: z.array(AffectedProduct),
  references: z.array(z.object({ url: z.string(), name: z.string().optional(), tags: z.array(z.string()).optional() })),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Advisories naming this CVE (the advisories service: writers see drafts too, other staff the published). */
  advisories: z.array(z.object({ id: z.string(), trackingId: z.string(), title: z.string() })),
  /** Incidents holding the CVE id as an observable, as far as the caller may see them (TLP). */
  incidents: z.array(
    z.object({ reference: z.string(), title: z.string(), status: IncidentStatus, tlp: TlpLabel, lastSeen: z.string() }),
  ),
  /** Organisations declaring a product this CVE names (by KEV's or the record's vendor/product). */
  organisations: z.array(z.object({ id: z.string(), name: z.string(), products: z.array(z.string()) })),
});
export type Vulnerability = z.infer<typeof Vulnerability>;

/** One row of the list, and what describeCves answers per CVE. */
export const VulnerabilitySummary = z.object({
  cve: z.string(),
  title: z.string().nullable(),
  cvss: CvssMetric.nullable(),
  kev: z
    .object({ dateAdded: z.string(), dueDate: z.string(), knownRansomwareCampaignUse: z.string().nullable() })
    .nullable(),
  epss: z.object({ score: z.number(), percentile: z.number(), date: z.string() }).nullable(),
});
export type VulnerabilitySummary = z.infer<typeof VulnerabilitySummary>;
export const VulnerabilityList = PageOf(VulnerabilitySummary);
export type VulnerabilityList = z.infer<typeof VulnerabilityList>;

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
export const VulnerabilitySort = z.enum(["cve", "kevAdded", "epss", "cvss"]);
export type VulnerabilitySort = z.infer<typeof VulnerabilitySort>;

/** GET /api/v1/vulnerabilities: `sort=epss` lists scored CVEs, `cvss` records with a score, `kevAdded` KEV entries. */
export const VulnerabilityListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kev: flag.optional(),
  ransomware: flag.optional(),
  epssMin: z.coerce.number().min(0).max(1).optional(),
  cvssMin: z.coerce.number().min(0).max(10).optional(),
  sort: VulnerabilitySort.default("cve"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type VulnerabilityListQuery = z.infer<typeof VulnerabilityListQuery>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day: YYYY-MM-DD");

/** GET /api/v1/vulnerabilities/daily: what changed on a day (default today in the CERT's time zone). */
export const DailyDiffQuery = z.object({
  day: Day.optional(),
  /** The smallest rise of an EPSS score that counts as a jump; default FYR_EPSS_JUMP_THRESHOLD. */
  threshold: z.coerce.number().min(0).max(1).optional(),
});
export const DailyDiff = z.object({
  day: z.string(),
  since: z.string(),
  threshold: z.number(),
  /** KEV entries CISA added from `since` to `day`, newest first. */
  newInKev: z.array(
    VulnerabilitySummary.extend({ vulnerabilityName: z.string(), vendorProject: z.string(), product: z.string() }),
  ),
  /** EPSS scores of `since`..`day` that rose by at least `threshold` over the day before, largest first. */
  epssJumps: z.array(
    VulnerabilitySummary.extend({ previousScore: z.number(), previousDate: z.string().nullable(), rise: z.number() }),
  ),
});
export type DailyDiff = z.infer<typeof DailyDiff>;

/** Products named by the imported data (the organisations' product picker). */
export const KnownProductQuery = z.object({ q: z.string().trim().min(1).max(100) });
export const KnownProductList = z.object({
  items: z.array(z.object({ vendor: z.string(), product: z.string(), cpe: z.string().nullable() })),
});
export type KnownProductList = z.infer<typeof KnownProductList>;

const CPE_23 = /^cpe:2\.3:[aho*]:(\\.|[^:\\])+:(\\.|[^:\\])+(:(\\.|[^:\\])+){0,9}$/;
/** A declared product: vendor and product names, or a CPE 2.3 name they are read from. `*` as product: all the vendor's. */
export const OrganisationProductCreate = z
  .object({
    vendor: z.string().trim().min(1).max(200).optional(),
    product: z.string().trim().min(1).max(200).optional(),
    cpe: z.string().trim().max(500).regex(CPE_23, "a CPE 2.3 name: cpe:2.3:a:vendor:product:…").optional(),
  })
  .strict()
  .refine((v) => v.cpe !== undefined || (v.vendor !== undefined && v.product !== undefined), {
    message: "give vendor and product, or a CPE 2.3 name",
    path: ["vendor"],
  });
export type OrganisationProductCreate = z.infer<typeof OrganisationProductCreate>;

export const OrganisationProduct = z.object({
  id: z.string(),
  vendor: z.string(),
  product: z.string(),
  cpe: z.string().nullable(),
  createdAt: z.string(),
});
export type OrganisationProduct = z.infer<typeof OrganisationProduct>;
export const OrganisationProducts = z.object({
  items: z.array(OrganisationProduct),
  /** The last notices this organisation was sent about KEV entries naming its products. */
  notices: z.array(z.object({ cve: z.string(), sentAt: z.string() })),
});
export type OrganisationProducts = z.infer<typeof OrganisationProducts>;
export const OrganisationProductParams = z.object({ id: z.uuid(), productId: z.uuid() });

/** Scheduled pulls: each configured URL and how its last fetch went. */
export const PullStatus = z.object({
  items: z.array(
    z.object({
      kind: z.enum(["kev", "epss", "cve"]),
      url: z.string(),
      lastFetchAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastStatus: z.number().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type PullStatus = z.infer<typeof PullStatus>;
