import type { CaseFileKind, CustodyEvent, ReceivedVia } from "../../../contract/evidence.js";

// The custody record's words in Swedish and English (server-rendered, printed for a police report). The
// console words the same things in web/lib/i18n/evidence.*.json; both follow GLOSSARY.md ("beviskedja":
// chain of custody, "prov": a malware sample).

export type RecordLanguage = "sv" | "en";

export interface RecordWords {
  title: string;
  printHint: string;
  caseReference: string;
  caseKinds: Record<"report" | "incident", string>;
  produced: string;
  by: string;
  file: string;
  filename: string;
  kind: string;
  kinds: Record<CaseFileKind, string>;
  declaredType: string;
  detectedType: string;
  unknown: string;
  mismatch: string;
  size: string;
  bytes: string;
  sample: string;
  sampleYes: string;
  sampleNo: string;
  receivedVia: string;
  via: Record<ReceivedVia, string>;
  mailSource: Record<"smtp" | "imap" | "import", string>;
  sender: string;
  mailAuth: string;
  events: string;
  time: string;
  event: string;
  person: string;
  details: string;
  eventNames: Record<CustodyEvent["event"], string>;
  routes: Record<string, string>;
  reason: string;
  language: string;
  intact: string;
  notIntact: string;
  timesNote: string;
  integrityNote: string;
  signature: string;
  signatureName: string;
  signaturePlace: string;
}

const sv: RecordWords = {
  title: "Beviskedja för fil",
  printHint: "Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P / ⌘P) eller spara som PDF.",
  caseReference: "Referens",
  caseKinds: { report: "Rapport", incident: "Incident" },
  produced: "Upprättad",
  by: "av",
  file: "Fil",
  filename: "Filnamn",
  kind: "Slag",
  kinds: {
    "report-attachment": "Bilaga till rapport",
    "report-original": "Ursprungligt e-postmeddelande (rapport)",
    "report-message-original": "Ursprungligt e-postmeddelande (svar på rapport)",
    "incident-attachment": "Fil uppladdad på incident",
    "incident-message-attachment": "Bilaga i e-post i incidentens tråd",
    "incident-message-original": "Ursprungligt e-postmeddelande i incidentens tråd",
  },
  declaredType: "Angiven typ",
  detectedType: "Typ enligt innehållet",
  unknown: "okänd",
  mismatch: "stämmer inte med filnamnet eller den angivna typen",
  size: "Storlek",
  bytes: "byte",
  sample: "Prov på skadlig kod",
  sampleYes: "Ja – lämnar Fyr endast i krypterad ZIP (lösenord ”infected”)",
  sampleNo: "Nej",
  receivedVia: "Väg in",
  via: {
    web: "webbformuläret",
    api: "API:t",
    phone: "telefon (registrerad av personal)",
    email: "e-post",
    console: "uppladdning i konsolen",
  },
  mailSource: { smtp: "SMTP-mottagning", imap: "IMAP-hämtning", import: "import från fil" },
  sender: "Avsändare (som angiven)",
  mailAuth: "Mottagande e-postservers bedömning",
  events: "Händelser",
  time: "Tid (UTC)",
  event: "Händelse",
  person: "Person",
  details: "Uppgifter",
  eventNames: {
    received: "Mottagen",
    downloaded: "Hämtad",
    exported: "Exporterad",
    marked_sample: "Markerad som prov",
    custody_record: "Protokoll upprättat",
    verified: "Kontrollerad",
    deleted: "Raderad",
  },
  routes: {
    "report-attachment": "bilaga via rapporten",
    "report-original": "originalmeddelande via rapporten",
    "report-message-original": "svarets originalmeddelande",
    "incident-attachment": "fil via incidenten",
    file: "filens sida",
    "zip-zipcrypto": "krypterad ZIP (ZipCrypto, lösenord ”infected”)",
  },
  reason: "Skäl",
  language: "Språk",
  intact: "innehållet oförändrat",
  notIntact: "innehållet stämmer inte med sin SHA-256",
  timesNote: "Alla tider anges i UTC.",
  integrityNote:
    "Filen lagras under sin SHA-256 och ändras aldrig. Varje händelse ovan finns också i Fyrs granskningslogg, vars kedja av hashvärden visar om något har ändrats eller tagits bort.",
  signature: "Underskrift",
  signatureName: "Namnförtydligande",
  signaturePlace: "Ort och datum",
};

const en: RecordWords = {
  title: "Chain of custody record",
  printHint: "Print with the browser's print function (Ctrl+P / ⌘P) or save as PDF.",
  caseReference: "Reference",
  caseKinds: { report: "Report", incident: "Incident" },
  produced: "Produced",
  by: "by",
  file: "File",
  filename: "File name",
  kind: "Kind",
  kinds: {
    "report-attachment": "Attachment to a report",
    "report-original": "Original e-mail message (report)",
    "report-message-original": "Original e-mail message (reply on a report)",
    "incident-attachment": "File uploaded to an incident",
    "incident-message-attachment": "Attachment of an e-mail in the incident's thread",
    "incident-message-original": "Original e-mail message in the incident's thread",
  },
  declaredType: "Declared type",
  detectedType: "Type by content",
  unknown: "unknown",
  mismatch: "does not match the file name or the declared type",
  size: "Size",
  bytes: "bytes",
  sample: "Malware sample",
  sampleYes: 'Yes – leaves Fyr only in an encrypted ZIP (password "infected")',
  sampleNo: "No",
  receivedVia: "Way in",
  via: {
    web: "the web form",
    api: "the API",
    phone: "telephone (registered by staff)",
    email: "e-mail",
    console: "upload in the console",
  },
  mailSource: { smtp: "SMTP reception", imap: "IMAP collection", import: "import from a file" },
  sender: "Sender (as stated)",
  mailAuth: "Receiving mail server's verdict",
  events: "Events",
  time: "Time (UTC)",
  event: "Event",
  person: "Person",
  details: "Details",
  eventNames: {
    received: "Received",
    downloaded: "Downloaded",
    exported: "Exported",
    marked_sample: "Marked as a sample",
    custody_record: "Record produced",
    verified: "Verified",
    deleted: "Deleted",
  },
  routes: {
    "report-attachment": "attachment through the report",
    "report-original": "original message through the report",
    "report-message-original": "the reply's original message",
    "incident-attachment": "file through the incident",
    file: "the file's page",
    "zip-zipcrypto": 'encrypted ZIP (ZipCrypto, password "infected")',
  },
  reason: "Reason",
  language: "Language",
  intact: "content unchanged",
  notIntact: "content does not match its SHA-256",
  timesNote: "All times are in UTC.",
  integrityNote:
    "The file is stored under its SHA-256 and never changes. Every event above is also in Fyr's audit trail, whose chain of hashes shows whether anything was changed or removed.",
  signature: "Signature",
  signatureName: "Name in block letters",
  signaturePlace: "Place and date",
};

export const RECORD_WORDS: Record<RecordLanguage, RecordWords> = { sv, en };
