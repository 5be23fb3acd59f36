import type { AdvisoryKind, AffectedProduct, Exploitation, WeeklyItem } from "../../../contract/advisories.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { StaffContext } from "../../platform/http/context.js";

/** One language's text of an advisory. */
export interface AdvisoryTextContent {
  title: string;
  summary: string;
  body: string;
  measures: string;
  items: WeeklyItem[];
}

/**
 * An advisory as one version holds it (advisory_versions.content) and as it is published
 * (advisory_publications.content): the shared fields and each language's text.
 */
export interface AdvisoryContent {
  kind: AdvisoryKind;
  tlp: TlpLabel;
  cves: string[];
  products: AffectedProduct[];
  exploitation: Exploitation;
  references: string[];
  sv: AdvisoryTextContent | null;
  en: AdvisoryTextContent | null;
}

/** What a published CSAF document is made of, besides the content. */
export interface ReleaseFacts {
  trackingId: string;
  initialReleaseAt: Date;
  currentReleaseAt: Date;
  revisions: { number: number; summary: string; publishedAt: Date }[];
}

/** The CVEs' details from vulnerability monitoring (server/advisory-seams.ts joins the two). */
export interface CveDescription {
  cve: string;
  title: string | null;
  /** The headline metric (newest CVSS version). */
  cvss: { version: string; baseScore: number; vectorString: string } | null;
  /** The CVSS 3.x metric, which a CSAF 2.0 document carries as cvss_v3. */
  cvssV3?: { version: string; baseScore: number; vectorString: string } | null;
  kev?: { dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string | null } | null;
  epss?: { score: number; percentile: number; date: string } | null;
}
export type DescribeCves = (db: Db, cves: readonly string[]) => Promise<CveDescription[]>;

/** Told of every publication inside its transaction (the mailing lists enqueue their mail here). */
export interface PublishedAdvisory {
  advisoryId: string;
  trackingId: string;
  kind: AdvisoryKind;
  tlp: TlpLabel;
  revision: number;
  languages: ("sv" | "en")[];
  /** The products and CVEs it names (the organisations running them are told). */
  products: AffectedProduct[];
  cves: string[];
  /** Each published language's title and summary (what a list mail says). */
  texts: Partial<Record<"sv" | "en", { title: string; summary: string }>>;
}
export type PublishListener = (tx: Db, published: PublishedAdvisory, clock: Clock) => Promise<void>;

/** What the advisories feature is handed by the composition root beside AppDeps. */
export interface AdvisorySeams {
  describeCves: DescribeCves;
  publishListeners: readonly PublishListener[];
}

export const NO_SEAMS: AdvisorySeams = { describeCves: async () => [], publishListeners: [] };

/** A staff request's context plus the seams. */
export type AdvisoryContext = StaffContext & { seams: AdvisorySeams; signer: DocumentSigner };

/** Signs a CSAF document's bytes with the CERT key (an armored detached signature), or null without a key. */
export interface DocumentSigner {
  sign(bytes: Uint8Array): Promise<string | null>;
  /** The CERT's armored public key and fingerprint, or null without a key. */
  publicKey(): Promise<{ armored: string; fingerprint: string } | null>;
}

export type { Config };
