import { z } from "zod";
import { TlpLabel } from "./intake.js";
import { PageOf } from "./page.js";

// YARA rules (/api/v1/yara/…): analysts write rules, every stored file is scanned with them (new files
// as they arrive, everything on demand), and a match shows on the file's cases. A rule's TLP decides who
// reads its text: TLP:RED, its author and admins only; its name, author and description are seen by all
// who read rules, so a RED rule's name should not tell what its text keeps back.

/** The longest rule source accepted (characters): rules are compiled while the analyst waits. */
export const YARA_SOURCE_MAX = 65_536;

const Name = z.string().trim().min(1).max(100);
const Description = z.string().max(2000);
const Source = z.string().min(1).max(YARA_SOURCE_MAX);

export const YaraRuleCreate = z
  .object({
    name: Name,
    tlp: TlpLabel.default("TLP:AMBER"),
    description: Description.default(""),
    source: Source,
    enabled: z.boolean().default(true),
  })
  .strict();
export type YaraRuleCreate = z.infer<typeof YaraRuleCreate>;
export type YaraRuleCreateInput = z.input<typeof YaraRuleCreate>;

/** A change names the version it read (409 version_conflict when stale); absent fields stay. */
export const YaraRulePatch = z
  .object({
    version: z.number().int().min(1),
    name: Name.optional(),
    tlp: TlpLabel.optional(),
    description: Description.optional(),
    source: Source.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type YaraRulePatch = z.infer<typeof YaraRulePatch>;

export const YaraRuleParams = z.object({ id: z.uuid() });
export const YaraRuleVersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
export const YaraRuleDeleteQuery = z.object({ version: z.coerce.number().int().min(1) });

/** Check a source without saving it (the editor's "check" button): the same checks a save makes. */
export const YaraSourceCheck = z.object({ source: Source, ruleId: z.uuid().optional() }).strict();
export const YaraSourceCheckResult = z.object({
  ok: z.boolean(),
  /** The YARA rules the source declares. */
  identifiers: z.array(z.string()),
  /** Compiler warnings (they do not stop a save): YARA-X's own text, with its line. */
  warnings: z.array(z.object({ message: z.string(), line: z.number().int().nullable() })),
});
export type YaraSourceCheckResult = z.infer<typeof YaraSourceCheckResult>;

const Person = z.object({ id: z.string(), name: z.string() });

export const YaraRule = z.object({
  id: z.string(),
  name: z.string(),
  author: Person.nullable(),
  tlp: TlpLabel,
  description: z.string(),
  /** Null when the viewer may not read it (TLP:RED and neither its author nor an admin). */
  source: z.string().nullable(),
  identifiers: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: Person.nullable(),
  /** Files it matched that the viewer may see (a file only hidden cases hold is not counted). */
  matchedFiles: z.number().int(),
  /** Whether the viewer may change, switch off or delete it. */
  mayEdit: z.boolean(),
});
export type YaraRule = z.infer<typeof YaraRule>;

export const YaraRuleList = PageOf(YaraRule);
export type YaraRuleList = z.infer<typeof YaraRuleList>;
export const YaraRuleListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

export const YaraRuleVersion = z.object({
  version: z.number().int(),
  name: z.string(),
  tlp: TlpLabel,
  description: z.string(),
  source: z.string().nullable(),
  enabled: z.boolean(),
  deleted: z.boolean(),
  writtenBy: Person.nullable(),
  writtenAt: z.string(),
});
export type YaraRuleVersion = z.infer<typeof YaraRuleVersion>;
export const YaraRuleVersionList = z.object({ items: z.array(YaraRuleVersion) });
export type YaraRuleVersionList = z.infer<typeof YaraRuleVersionList>;

/** Where a rule's string matched: identifier, offset and length; the bytes only for who may read the rule. */
export const YaraMatchedString = z.object({
  rule: z.string(),
  identifier: z.string(),
  offset: z.number().int(),
  length: z.number().int(),
  /** Up to 32 bytes of what matched, hex; null when the viewer may not read the rule's text. */
  hex: z.string().nullable(),
});
export type YaraMatchedString = z.infer<typeof YaraMatchedString>;

/** A case holding a file, as the viewer may see it. */
export const YaraFileCase = z.object({ kind: z.enum(["report", "incident"]), reference: z.string() });

/** One rule's match in one file. */
export const YaraMatch = z.object({
  sha256: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), tlp: TlpLabel }),
  ruleVersion: z.number().int(),
  /** Whether it was found with the rule's current version. */
  current: z.boolean(),
  identifiers: z.array(z.string()),
  strings: z.array(YaraMatchedString),
  /** More strings matched than are stored. */
  truncated: z.boolean(),
  matchedAt: z.string(),
  /** The file's names and the cases holding it, those the viewer may see. */
  filenames: z.array(z.string()),
  cases: z.array(YaraFileCase),
});
export type YaraMatch = z.infer<typeof YaraMatch>;

export const YaraMatchPage = PageOf(YaraMatch);
export type YaraMatchPage = z.infer<typeof YaraMatchPage>;
export const YaraMatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const YaraScanOutcome = z.enum(["scanned", "too_large", "timed_out", "failed", "missing"]);
export type YaraScanOutcome = z.infer<typeof YaraScanOutcome>;

/** How one file was last scanned; null fields when it waits for its first scan. */
export const YaraFileScan = z.object({
  sha256: z.string(),
  filename: z.string(),
  /** For an incident, the linked report the file came with (null: the incident's own file). */
  report: z.string().nullable(),
  outcome: YaraScanOutcome.nullable(),
  /** Why it was not (fully) scanned: the size limit, the time limit, what failed. */
  detail: z.string().nullable(),
  scannedAt: z.string().nullable(),
  /** Scanned with the rules as they are now (else a "scan everything now" would bring it up to date). */
  current: z.boolean(),
  matches: z.array(YaraMatch),
});
export type YaraFileScan = z.infer<typeof YaraFileScan>;

/** The YARA side of a case's files: each file's scan and matches. */
export const CaseYara = z.object({ files: z.array(YaraFileScan) });
export type CaseYara = z.infer<typeof CaseYara>;

export const YaraSweep = z.object({
  id: z.string(),
  rulesetVersion: z.number().int(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Where scanning stands: the ruleset, the file store and the last "scan everything now". */
export const YaraScanStatus = z.object({
  rulesetVersion: z.number().int(),
  enabledRules: z.number().int(),
  /** Files known to the scanner, and those scanned with the current ruleset. */
  files: z.number().int(),
  currentFiles: z.number().int(),
  /** Files waiting for their first scan. */
  waiting: z.number().int(),
  sweep: YaraSweep.extend({ total: z.number().int(), done: z.number().int() }).nullable(),
  limits: z.object({ maxFileBytes: z.number().int(), timeoutSeconds: z.number().int() }),
});
export type YaraScanStatus = z.infer<typeof YaraScanStatus>;
