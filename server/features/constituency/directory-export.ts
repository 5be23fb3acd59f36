import { Readable } from "node:stream";
import type { Download } from "../../platform/files/blobs.js";
import { UTF8_BOM, csvCell } from "../../platform/csv-cell.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { ContactRow } from "./contacts-store.js";
import { type DirectoryRow, selectDirectoryBatch } from "./directory-store.js";
import { assertMayReadRegistry } from "./policy.js";

// The directory as a file: CSV (one row per contact, an organisation without contacts on a row of its
// own) for spreadsheets, or vCard 4.0 (RFC 6350, one card per contact) for address books. Streamed a
// batch of organisations at a time, so a registry of 50,000 is never held whole.

const BATCH = 500;
const HEADER = [
  "organisation_id",
  "organisation",
  "org_number",
  "sector",
  "nis2_entity",
  "contact_role",
  "contact_name",
  "contact_email",
  "contact_phone",
  "contact_language",
  "pgp_fingerprint",
  "last_verified_at",
  "networks",
  "domains",
  "asns",
];

function csvRows(org: DirectoryRow, contacts: ContactRow[]): string {
  const base = [org.id, org.name, org.org_number ?? "", org.sector ?? "", org.nis2_entity ?? ""];
  const holdings = [org.networks.join("; "), org.domains.join("; "), org.asns.map((a) => `AS${a}`).join("; ")];
  const people = contacts.length > 0 ? contacts : [null];
  return people
    .map((c) =>
      [
        ...base,
        c?.role ?? "",
        c?.name ?? "",
        c?.email ?? "",
        c?.phone ?? "",
        c?.language ?? "",
        c?.pgp_fingerprint ?? "",
        c?.last_verified_at?.toISOString() ?? "",
        ...holdings,
      ]
        .map(csvCell)
        .join(","),
    )
    .map((line) => `${line}\r\n`)
    .join("");
}

/** RFC 6350 §3.4: backslash, comma, semicolon and newline escaped in a text value. */
const vtext = (s: string) => s.replace(/[\\,;]/g, "\\$&").replace(/\r?\n/g, "\\n");

/** RFC 6350 §3.2: lines folded at 75 octets (here characters, which is within it for ASCII-heavy text). */
function fold(line: string): string {
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += 74) parts.push(line.slice(i, i + 74));
  return parts.join("\r\n ");
}

function vcards(org: DirectoryRow, contacts: ContactRow[]): string {
  return contacts
    .map((c) =>
      [
        "BEGIN:VCARD",
        "VERSION:4.0",
        `FN:${vtext(c.name ?? c.email)}`,
        `ORG:${vtext(org.name)}`,
        `ROLE:${vtext(c.role)}`,
        `EMAIL;TYPE=work:${vtext(c.email)}`,
        ...(c.phone ? [`TEL;TYPE=work,voice;VALUE=text:${vtext(c.phone)}`] : []),
        `LANG:${c.language}`,
        ...(c.pgp_fingerprint ? [`NOTE:${vtext(`OpenPGP ${c.pgp_fingerprint}`)}`] : []),
        `UID:urn:uuid:${c.id}`,
        "END:VCARD",
      ]
        .map(fold)
        .map((l) => `${l}\r\n`)
        .join(""),
    )
    .join("");
}

async function* directoryText(ctx: ServiceContext, format: "csv" | "vcard"): AsyncGenerator<string> {
  if (format === "csv") yield UTF8_BOM + HEADER.join(",") + "\r\n";
  let after: { n: string; id: string } | undefined;
  for (;;) {
    const { organisations, contacts } = await selectDirectoryBatch(ctx.db, after, BATCH);
    const byOrg = new Map<string, ContactRow[]>();
    for (const c of contacts) byOrg.set(c.organisation_id, [...(byOrg.get(c.organisation_id) ?? []), c]);
    let chunk = "";
    for (const org of organisations) {
      const people = byOrg.get(org.id) ?? [];
      chunk += format === "csv" ? csvRows(org, people) : vcards(org, people);
    }
    if (chunk !== "") yield chunk;
    const last = organisations.at(-1);
    if (!last || organisations.length < BATCH) return;
    after = { n: last.name.toLowerCase(), id: last.id };
  }
}

/** The whole directory as a download (CSV or vCard), streamed. */
export function exportDirectory(ctx: ServiceContext, format: "csv" | "vcard"): Download {
  assertMayReadRegistry(ctx.actor);
  return {
    filename: format === "csv" ? "constituency.csv" : "constituency.vcf",
    size: null,
    sha256: null,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "text/vcard; charset=utf-8",
    stream: Readable.from(directoryText(ctx, format)),
  };
}
