import { z } from "zod";
import { PageOf } from "./page.js";
import { IncidentStatus } from "./incidents.js";
import { TlpLabel } from "./intake.js";
import { TagNames, ValueTag } from "./observable-tags.js";

// Observables and correlation (api-v1.md: /related, /observables). A value is stored once, normalised;
// a sighting says where it was seen. Everything here is filtered through the TLP policy: nothing a
// viewer may not see is counted, named or hinted at.

export const OBSERVABLE_TYPES = [
  "ipv4",
  "ipv6",
  "cidr",
  "domain",
  "url",
  "email",
  "md5",
  "sha1",
  "sha256",
  "sha512",
  "ssdeep",
  "tlsh",
  "ja3",
  "ja4",
  "cve",
  "asn",
  "btc",
  "xmr",
  "mac",
  "regkey",
  "filename",
  "filepath",
] as const;
export const ObservableType = z.enum(OBSERVABLE_TYPES);
export type ObservableType = z.infer<typeof ObservableType>;

/**
 * Types whose values are recorded, shown on the case and found by lookup and search, but never link one
 * case to another: two cases holding the same `invoice.pdf`, `C:\Users\Public\a.exe`,
 * `HKCU\Software\Microsoft\Windows\CurrentVersion\Run` or `00:50:56:…` share a habit of attackers,
 * a Windows default or a virtual machine's vendor prefix — not an attacker or an infrastructure. Such
 * values reach the common threshold late (a name is common only once 50 cases carry it), and every case
 * up to then would be linked on nothing. The decision per type is in ARCHITECTURE.md ("Which types
 * correlate").
 */
export const UNCORRELATED_TYPES: ReadonlySet<ObservableType> = new Set<ObservableType>([
  "filename",
  "filepath",
  "regkey",
  "mac",
]);

/** Whether equal values of this type link cases (see UNCORRELATED_TYPES). */
export function correlates(type: ObservableType): boolean {
  return !UNCORRELATED_TYPES.has(type);
}

/** An analyst's verdict on a value. */
export const ObservableTag = z.enum(["malicious", "benign", "false-positive"]);
export type ObservableTag = z.infer<typeof ObservableTag>;

/** Where in a case a value was seen. */
export const SightingOrigin = z.enum([
  "report",
  "report-message",
  "report-attachment",
  "note",
  "incident-message",
  "incident-attachment",
  "manual",
]);
export type SightingOrigin = z.infer<typeof SightingOrigin>;

/** What a sighting belongs to (feed events and advisories come later). */
export const CaseKind = z.enum(["report", "incident"]);
export type CaseKind = z.infer<typeof CaseKind>;

/** Why a value of a case does not correlate ("type": its type never does, UNCORRELATED_TYPES). */
export const CorrelationStop = z.enum(["type", "warning-list", "do-not-correlate", "common"]);
export type CorrelationStop = z.infer<typeof CorrelationStop>;

export const TypedValue = z.object({ type: ObservableType, value: z.string() });
export type TypedValue = z.infer<typeof TypedValue>;

/**
 * A value this case shares with the related one; `via` is the other side's value when a CIDR matched;
 * `tags` the value's tags the viewer may see (contract/observable-tags.ts), absent when it has none.
 */
export const SharedValue = TypedValue.extend({ via: TypedValue.optional(), tags: TagNames.optional() });
export type SharedValue = z.infer<typeof SharedValue>;

export const RelatedQuery = z.object({
  /** Also count an address inside a network seen elsewhere (and the reverse). */
  cidr: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RelatedQuery = z.infer<typeof RelatedQuery>;

export const RelatedItem = z.object({
  kind: z.enum(["incident", "report", "event"]),
  reference: z.string(),
  title: z.string(),
  /** Incidents: their status; reports: new | acknowledged | linked | rejected. */
  status: z.string(),
  tlp: TlpLabel,
  /** The shared values, rarest first (at most 20; `sharedCount` has them all). */
  shared: z.array(SharedValue),
  sharedCount: z.number().int(),
  /** Higher is closer: each shared value weighs more the rarer it is, and more when seen lately. */
  score: z.number(),
  /** The last time one of the shared values was seen there. */
  lastSeen: z.string(),
  /** Seen there within the last 30 days. */
  ongoing: z.boolean(),
});
export type RelatedItem = z.infer<typeof RelatedItem>;

export const RelatedList = z.object({
  items: z.array(RelatedItem),
  /** This case's values that were left out of correlation, by reason. */
  notCorrelated: z.object({
    type: z.number().int(),
    "warning-list": z.number().int(),
    "do-not-correlate": z.number().int(),
    common: z.number().int(),
  }),
  /** The types of the values counted under `notCorrelated.type`, in OBSERVABLE_TYPES order. */
  uncorrelatedTypes: z.array(ObservableType),
  /** A value is "common" when seen in more cases than this. */
  commonThreshold: z.number().int(),
  /**
   * Where feeds saw the case's addresses, domains and URLs ("seen in scan_rdp on 30 Nov"): per value the
   * feeds that did, most recent first, a few per value and a few dozen in all.
   */
  feedSightings: z.array(
    z.object({
      type: ObservableType,
      value: z.string(),
      feed: z.string(),
      lastSeen: z.string(),
      /** Feeds store no marking of their own: their events are TLP:AMBER. */
      tlp: TlpLabel,
    }),
  ),
});
export type RelatedList = z.infer<typeof RelatedList>;

export const WarningListRef = z.object({ id: z.string(), name: z.string() });

/** A value as a case holds it: its verdict, why it does not correlate, where in the case it was seen. */
export const CaseObservable = TypedValue.extend({
  id: z.string(),
  tag: ObservableTag.nullable(),
  /** Its free and machine tags the viewer may see. */
  tags: TagNames,
  doNotCorrelate: z.boolean(),
  warningLists: z.array(WarningListRef),
  origins: z.array(SightingOrigin),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type CaseObservable = z.infer<typeof CaseObservable>;

export const CaseObservableList = z.object({
  items: z.array(CaseObservable),
  /** More values than listed (a case lists at most 5,000). */
  truncated: z.boolean(),
});
export type CaseObservableList = z.infer<typeof CaseObservableList>;

/** An analyst adds a value by hand; without `type` it is recognised from the value. */
export const ObservableAdd = z.object({ value: z.string().trim().min(1).max(2048), type: ObservableType.optional() });
export type ObservableAdd = z.infer<typeof ObservableAdd>;

export const ObservableLookup = z.object({
  value: z.string().trim().min(1).max(2048),
  type: ObservableType.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
});
export type ObservableLookup = z.infer<typeof ObservableLookup>;

export const Sighting = z.object({
  kind: CaseKind,
  reference: z.string(),
  title: z.string(),
  origin: SightingOrigin,
  seenAt: z.string(),
});
export type Sighting = z.infer<typeof Sighting>;

export const ObservableDetail = TypedValue.extend({
  id: z.string(),
  tag: ObservableTag.nullable(),
  /** Its free and machine tags the viewer may see, with who added each and when. */
  tags: z.array(ValueTag),
  doNotCorrelate: z.boolean(),
  warningLists: z.array(WarningListRef),
  /** Seen in more than `commonThreshold` cases the viewer may see: it no longer creates links. */
  common: z.boolean(),
  commonThreshold: z.number().int(),
  /** Cases (reports and incidents) the viewer may see that hold it; counted up to threshold + 1. */
  caseCount: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Incidents involved (directly or through a linked report), newest first, at most 100. */
  incidents: z.array(
    z.object({ reference: z.string(), title: z.string(), status: IncidentStatus, tlp: TlpLabel, lastSeen: z.string() }),
  ),
  /** Every sighting, newest first, one keyset page. */
  sightings: PageOf(Sighting),
  version: z.number().int(),
});
export type ObservableDetail = z.infer<typeof ObservableDetail>;

export const ObservableIdParams = z.object({ id: z.string().regex(/^[0-9]{1,18}$/) });

export const ObservableUpdate = z
  .object({
    version: z.number().int().min(0),
    tag: ObservableTag.nullable().optional(),
    doNotCorrelate: z.boolean().optional(),
  })
  .refine((u) => u.tag !== undefined || u.doNotCorrelate !== undefined, {
    message: "Give tag or doNotCorrelate",
    path: ["tag"],
  });
export type ObservableUpdate = z.infer<typeof ObservableUpdate>;

// Warning lists: values that are extracted and shown but never correlate.

export const WarningEntryKind = z.enum(["network", "domain", "value"]);
export type WarningEntryKind = z.infer<typeof WarningEntryKind>;

export const WarningList = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  /** Domain entries also cover URLs and e-mail addresses on those domains. */
  matchUrlsAndEmails: z.boolean(),
  /** Set on the lists Fyr ships (the console names them in the reader's language); such a list cannot be deleted. */
  builtinKey: z.string().nullable(),
  /** Networks (an address range: every address inside), domains (and their subdomains), exact values. */
  entries: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type WarningList = z.infer<typeof WarningList>;

const Entries = z.array(z.string().trim().min(1).max(2048)).max(10_000);

export const WarningListCreate = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  enabled: z.boolean().default(true),
  matchUrlsAndEmails: z.boolean().default(false),
  entries: Entries.default([]),
});
export type WarningListCreate = z.infer<typeof WarningListCreate>;

export const WarningListUpdate = z.object({
  version: z.number().int().min(0),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  enabled: z.boolean().optional(),
  matchUrlsAndEmails: z.boolean().optional(),
  entries: Entries.optional(),
});
export type WarningListUpdate = z.infer<typeof WarningListUpdate>;

export const WarningListIdParams = z.object({ id: z.uuid() });
