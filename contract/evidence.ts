import { z } from "zod";
import { TlpLabel } from "./intake.js";

// Evidence: the files a case holds, what their content is, which are malware samples, and the chain
// of custody of each. Everything here passes the TLP policy: a file of a case the viewer may not see is
// not listed, counted or named, and its pages answer exactly like a file that does not exist.

/** Which row recorded a file, and in what role. */
export const CASE_FILE_KINDS = [
  "report-attachment",
  "report-original",
  "report-message-original",
  "incident-attachment",
  "incident-message-attachment",
  "incident-message-original",
] as const;
export const CaseFileKind = z.enum(CASE_FILE_KINDS);
export type CaseFileKind = z.infer<typeof CaseFileKind>;

/** How a file reached Fyr: the report's channel, a message's way in, an upload in the console. */
export const ReceivedVia = z.enum(["web", "api", "phone", "email", "console"]);
export type ReceivedVia = z.infer<typeof ReceivedVia>;

/** Which of Fyr's ways in a mail took: the SMTP listener, the IMAP poller, `fyr mail import`. */
export const MailSource = z.enum(["smtp", "imap", "import"]);

const Person = z.object({ id: z.string().nullable(), name: z.string(), email: z.string().nullable() });

/** The case a file belongs to. */
export const FileCase = z.object({
  kind: z.enum(["report", "incident"]),
  reference: z.string(),
  title: z.string(),
  tlp: TlpLabel,
});
export type FileCase = z.infer<typeof FileCase>;

/** What the content is by its bytes, beside what the sender called it. */
export const DetectedType = z.object({
  /** MIME type from the magic bytes (or a text sniff); null when not recognised. */
  mime: z.string().nullable(),
  ext: z.string().nullable(),
  textLike: z.boolean(),
  /** A program (PE, ELF, Mach-O, …): the most dangerous thing a file can turn out to be. */
  executable: z.boolean(),
  /** The content is not what the name or declared type says (invoice.pdf that is a PE executable). */
  mismatch: z.boolean(),
});
export type DetectedType = z.infer<typeof DetectedType>;

export const ArchiveEntry = z.object({
  path: z.string(),
  /** The uncompressed size the archive states. */
  size: z.number().int(),
  compressedSize: z.number().int(),
  directory: z.boolean(),
  encrypted: z.boolean(),
  /** 0: in the file itself; 1: inside an archive inside it; … */
  depth: z.number().int(),
  /** Null when the entry was not read (encrypted with another password than "infected", past a bound). */
  sha256: z.string().nullable(),
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
});
export type ArchiveEntry = z.infer<typeof ArchiveEntry>;

/** Why an archive was not listed or read whole (bounds against zip bombs). */
export const ArchiveStop = z.enum(["entries", "bytes", "depth", "unreadable"]);

export const ArchiveListing = z.object({
  format: z.literal("zip"),
  entries: z.array(ArchiveEntry),
  /** Entries or bytes past a bound were not listed or not hashed; `stop` says which bound. */
  truncated: z.boolean(),
  stop: ArchiveStop.nullable(),
});
export type ArchiveListing = z.infer<typeof ArchiveListing>;

/** A message (.eml) opened: who, what, its text and its files (listed, not stored). */
export const MessageSummary = z.object({
  subject: z.string(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  date: z.string().nullable(),
  messageId: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  /** The body as text, at most 20,000 characters (`textTruncated`). */
  text: z.string(),
  textTruncated: z.boolean(),
  attachments: z.array(
    z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
  readLevel: z.enum(["full", "partial", "headers-rebuilt", "raw-text"]),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

/** How the file was received: when, which way, from whom (the sender as stated), taken in by whom. */
export const FileReceipt = z.object({
  at: z.string(),
  via: ReceivedVia,
  mailSource: MailSource.nullable(),
  from: z.object({ address: z.string().nullable(), name: z.string().nullable() }).nullable(),
  /** The staff member who took it in (uploaded it, registered the phone report, wrote the message). */
  by: Person.nullable(),
  /** What the receiving MTA said of the sender (SPF, DKIM, DMARC), for mail. */
  mailAuth: z
    .object({ spf: z.string().nullable(), dkim: z.string().nullable(), dmarc: z.string().nullable() })
    .nullable(),
});

/** A file as a case lists it. */
export const CaseFile = z.object({
  id: z.string(),
  kind: CaseFileKind,
  case: FileCase,
  filename: z.string(),
  declaredType: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
  receivedVia: ReceivedVia,
  /** Null until the content has been identified (a background job does it moments after receipt). */
  detected: DetectedType.nullable(),
  /** Entries of an archive, when it is one. */
  archiveEntries: z.number().int().nullable(),
  /** Only ever leaves Fyr inside an encrypted ZIP. */
  sample: z.boolean(),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const CaseFileList = z.object({ items: z.array(CaseFile) });
export type CaseFileList = z.infer<typeof CaseFileList>;

const CustodyBase = { id: z.string(), at: z.string(), by: Person.nullable() };

/** One link in a file's chain of custody, oldest first; append-only. */
export const CustodyEvent = z.discriminatedUnion("event", [
  z.object({ ...CustodyBase, event: z.literal("received"), receipt: FileReceipt }),
  z.object({ ...CustodyBase, event: z.literal("downloaded"), route: z.string() }),
  z.object({ ...CustodyBase, event: z.literal("exported"), format: z.string() }),
  z.object({ ...CustodyBase, event: z.literal("marked_sample"), reason: z.string() }),
  z.object({ ...CustodyBase, event: z.literal("custody_record"), language: z.enum(["sv", "en"]) }),
  z.object({ ...CustodyBase, event: z.literal("verified"), intact: z.boolean() }),
  z.object({ ...CustodyBase, event: z.literal("deleted"), reason: z.string() }),
]);
export type CustodyEvent = z.infer<typeof CustodyEvent>;

export const SampleMark = z.object({
  reason: z.string(),
  by: Person.nullable(),
  at: z.string(),
  /** False: this file was not marked itself, the same content was, in another case the viewer sees. */
  onThisFile: z.boolean(),
  case: FileCase,
});
export type SampleMark = z.infer<typeof SampleMark>;

/** A file's page: what it is, its hashes, its content, whether it is a sample, and its custody. */
export const FileDetail = CaseFile.extend({
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
  receipt: FileReceipt,
  archive: ArchiveListing.nullable(),
  message: MessageSummary.nullable(),
  sampleMarks: z.array(SampleMark),
  custody: z.array(CustodyEvent),
  /** Other files with the same content (by SHA-256) in cases the viewer may see, at most 50. */
  alsoIn: z.array(FileCase.extend({ fileId: z.string(), filename: z.string() })),
  /** Whether the viewer may mark it a sample (case workers, while it is not marked itself). */
  canMark: z.boolean(),
  /** Whether the viewer may have its bytes verified against its SHA-256 (case workers). */
  canVerify: z.boolean(),
});
export type FileDetail = z.infer<typeof FileDetail>;

export const FileParams = z.object({ id: z.uuid() });

export const MarkSampleInput = z.object({ reason: z.string().trim().min(1).max(2000) });
export type MarkSampleInput = z.infer<typeof MarkSampleInput>;

/** The stored bytes read again: do they still hash to the SHA-256 they were received under? */
export const FileVerification = z.object({ intact: z.boolean() });
export type FileVerification = z.infer<typeof FileVerification>;

export const CustodyRecordQuery = z.object({ language: z.enum(["sv", "en"]).default("sv") });
