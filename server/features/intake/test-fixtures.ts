import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReportSubmissionInput } from "../../../contract/intake.js";

// Shared by intake's tests: example reports and multipart bodies as a browser would send them.

/** A data directory of its own for one test file (blobs land under it). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "fyr-intake-test-"));
}

/** The smallest valid report: what happened and an e-mail address. */
export function minimalReport(overrides: Partial<ReportSubmissionInput> = {}): ReportSubmissionInput {
  return {
    whatHappened: `Filer krypterade på filserver ${randomBytes(4).toString("hex")}`,
    reporter: { email: `anna.${randomBytes(4).toString("hex")}@example.se` },
    ...overrides,
  };
}

/** The api-v1.md example, every question answered. */
export function fullReport(): ReportSubmissionInput {
  return {
    language: "sv",
    reporter: { name: "Namn Efternamn", email: "anna@example.se", phone: "+46 8 123 456", role: "IT-chef" },
    organisation: { name: "Exempel AB", orgNumber: "556677-8899", sector: "energy" },
    summary: "Ransomware på filserver",
    whatHappened: "Filerna på filservern går inte att öppna och har fått ändelsen .locked.",
    discovery: { how: "Användare kunde inte öppna filer", discoveredAt: "2026-11-20T07:45:00+01:00" },
    countermeasures: "Servern isolerad från nätet",
    ongoing: "yes",
    dataLeakRisk: "unknown",
    moreAffectedRisk: "no",
    helpWanted: "Analys av loggar",
    contactedParties: "Vår IT-leverantör",
    policeReport: { status: "planned", reference: null },
    sharingConsent: { information: "affected-organisations", data: "none", logs: "none" },
    tlp: "TLP:AMBER",
    nis2: {
      applies: true,
      stage: "early-warning",
      awareAt: "2026-11-20T07:45:00+01:00",
      suspectedMalicious: "yes",
      crossBorderImpact: "unknown",
    },
  };
}

export interface FilePart {
  filename: string;
  contentType?: string;
  content: Buffer;
  field?: string;
}

/** A multipart/form-data body: text fields first (in order), then files; or files first, as a hostile client may. */
export function multipart(
  fields: Record<string, string>,
  files: FilePart[] = [],
  options: { filesFirst?: boolean } = {},
): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----fyr${randomBytes(8).toString("hex")}`;
  const fieldChunks: Buffer[] = [];
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    fieldChunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (!options.filesFirst) chunks.push(...fieldChunks);
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "attachments"}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  if (options.filesFirst) chunks.push(...fieldChunks);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
