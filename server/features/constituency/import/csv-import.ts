import { domainToASCII } from "node:url";
import { CsvError, readCsv } from "../../../platform/csv.js";
import type { Db } from "../../../platform/db/connect.js";
import type { ImportErrors, ImportFile } from "./import-files.js";
import { parseImportRange } from "./ranges.js";
import { type StagedRow, insertStagedRows } from "./staging-store.js";

// A CSV file with a header, one row per network, domain or AS number (or per contact): the
// organisation's name and number, what it holds, a contact and its role and language. Columns are
// found by their header (in any order and case; a few spellings each), so a spreadsheet export works
// as it is. An organisation is keyed by its organisation number when it has one, else by its name.

const COLUMNS: Record<string, readonly string[]> = {
  name: ["name", "organisation", "organization", "organisation name", "organization name", "org name", "namn"],
  orgNumber: ["org number", "organisation number", "organization number", "orgnr", "org nr", "organisationsnummer"],
  network: ["network", "networks", "cidr", "range", "prefix", "nät", "natverk", "nätverk"],
  domain: ["domain", "domains", "domän"],
  asn: ["asn", "as", "as number", "autonomous system"],
  value: ["value", "resource", "holding"],
  email: ["email", "e-mail", "contact", "contact email", "contact e-mail", "e-post"],
  role: ["role", "roll"],
  language: ["language", "lang", "språk"],
  phone: ["phone", "telephone", "telefon"],
};

const ROLES = new Set(["abuse", "security", "management", "technical", "24x7"]);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const BATCH = 5_000;

type Column = keyof typeof COLUMNS;

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const out: Partial<Record<Column, number>> = {};
  header.forEach((raw, index) => {
    const h = normaliseHeader(raw);
    for (const [column, names] of Object.entries(COLUMNS)) {
      if (names.some((n) => normaliseHeader(n) === h) && out[column] === undefined) out[column] = index;
    }
  });
  return out;
}

/** A domain in its stored form (lower-case ASCII, IDN as punycode, no trailing dot), or null. */
export function normaliseDomain(text: string): string | null {
  const trimmed = text.trim().replace(/\.$/, "");
  if (trimmed === "" || trimmed.includes("/") || trimmed.includes(":")) return null;
  const ascii = domainToASCII(trimmed);
  if (ascii === "" || ascii.length > 253 || !ascii.includes(".")) return null;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii) ? ascii : null;
}

export function parseAsnText(text: string): number | null {
  const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  return n <= 4_294_967_295 ? n : null;
}

/** Reads CSV files into the import's staged rows; answers the organisation keys seen and the rows read. */
export async function stageCsvFiles(
  db: Db,
  importId: string,
  files: readonly ImportFile[],
  orgsFilter: ReadonlySet<string> | null,
  errors: ImportErrors,
): Promise<{ objectsRead: number }> {
  const orgs = new Map<string, StagedRow>();
  let batch: StagedRow[] = [];
  let objectsRead = 0;
  const flush = async () => {
    await insertStagedRows(db, importId, batch);
    batch = [];
  };
  for (const [fileIndex, file] of files.entries()) {
    let columns: Partial<Record<Column, number>> | null = null;
    try {
      for await (const records of readCsv(file.open())) {
        for (const record of records) {
          if (columns === null) {
            columns = columnsOf(record.fields);
            if (columns.name === undefined && columns.orgNumber === undefined) {
              errors.add(file.name, record.line, "the header names no organisation column (name or org number)");
              return { objectsRead };
            }
            continue;
          }
          objectsRead += 1;
          const cell = (c: Column) => {
            const index = columns?.[c];
            return index === undefined ? "" : (record.fields[index] ?? "").trim();
          };
          const bad = (message: string) => errors.add(file.name, record.line, message);
          const name = cell("name");
          const orgNumber = cell("orgNumber");
          if (name === "" && orgNumber === "") {
            bad("no organisation name or number");
            continue;
          }
          const orgKey = orgNumber !== "" ? orgNumber : `name:${name.toLowerCase()}`;
          if (orgsFilter !== null && !orgsFilter.has(orgKey) && !orgsFilter.has(name)) continue;
          const language = cell("language").toLowerCase() || "sv";
          if (language !== "sv" && language !== "en") {
            bad(`language must be sv or en, not ${language.slice(0, 20)}`);
            continue;
          }
          const at = { org: orgKey, file: fileIndex, line: record.line };
          const rows: StagedRow[] = [];
          const holdings = [
            // Several in one cell are separated by commas or semicolons ("a - b" has spaces).
            ...cell("network")
              .split(/[,;\n]+/)
              .map((v) => v.trim())
              .filter((v) => v !== "")
              .map((v) => ["network", v] as const),
            ...cell("domain")
              .split(/[,;]+/)
              .map((v) => v.trim())
              .filter((v) => v !== "")
              .map((v) => ["domain", v] as const),
            ...cell("asn")
              .split(/[,;]+/)
              .map((v) => v.trim())
              .filter((v) => v !== "")
              .map((v) => ["asn", v] as const),
          ];
          const value = cell("value");
          if (value !== "") holdings.push([guessKind(value), value]);
          let failed = false;
          for (const [kind, text] of holdings) {
            if (kind === "network") {
              const range = parseImportRange(text);
              if (typeof range === "string") {
                bad(`network ${text.slice(0, 80)}: ${range}`);
                failed = true;
              } else
                rows.push({
                  kind,
                  key: `${orgKey} ${range.label}`,
                  ...at,
                  first: range.first,
                  last: range.last,
                  label: range.label,
                });
            } else if (kind === "domain") {
              const domain = normaliseDomain(text);
              if (domain === null) {
                bad(`not a domain name: ${text.slice(0, 80)}`);
                failed = true;
              } else rows.push({ kind, key: `${orgKey} ${domain}`, ...at, domain });
            } else {
              const asn = parseAsnText(text);
              if (asn === null) {
                bad(`not an AS number (0–4294967295): ${text.slice(0, 40)}`);
                failed = true;
              } else rows.push({ kind, key: `${orgKey} AS${asn}`, ...at, asn });
            }
          }
          const email = cell("email").toLowerCase();
          if (email !== "") {
            const role = cell("role").toLowerCase() || "abuse";
            if (!EMAIL.test(email)) {
              bad(`not an e-mail address: ${email.slice(0, 80)}`);
              failed = true;
            } else if (!ROLES.has(role)) {
              bad(`role must be one of ${[...ROLES].join(", ")}, not ${role.slice(0, 20)}`);
              failed = true;
            } else {
              const phone = cell("phone") || null;
              rows.push({ kind: "contact", key: `${orgKey} ${role} ${email}`, ...at, email, role, phone, language });
            }
          }
          if (failed) continue;
          if (!orgs.has(orgKey)) {
            orgs.set(orgKey, {
              kind: "organisation",
              key: orgKey,
              ...at,
              name: (name || orgNumber).slice(0, 300),
              orgNumber: orgNumber || null,
              language,
            });
          }
          batch.push(...rows);
          if (batch.length >= BATCH) await flush();
        }
      }
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      errors.add(file.name, err.line, err.message.replace(/^line \d+: /, ""));
    }
  }
  batch.push(...orgs.values());
  await flush();
  return { objectsRead };
}

function guessKind(value: string): "network" | "domain" | "asn" {
  if (/^(?:AS)?\d+$/i.test(value)) return "asn";
  if (value.includes(":") || /^\d{1,3}(\.\d{1,3}){3}/.test(value)) return "network";
  return "domain";
}
