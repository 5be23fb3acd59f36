import type { Db } from "../../../platform/db/connect.js";
import type { ImportErrors, ImportFile } from "./import-files.js";
import { parseImportRange } from "./ranges.js";
import { type RpslObject, firstValue, readRpsl } from "./rpsl.js";
import { type StagedRow, insertStagedRows } from "./staging-store.js";

// RIPE split files into staged rows. inetnum and inet6num objects (millions) are streamed into the
// staging table in batches as they are read; organisation, role and person objects (about 100,000 each
// in the whole database, and only a few attributes of each kept) are held by handle until every file is
// read, so the files may come in any order. Persons without an e-mail address (the public split files
// remove them) are not kept at all. What references what is resolved once, at the end.

export interface RipeFilter {
  /** ISO country codes (upper case): networks registered there, and organisations there. */
  countries: ReadonlySet<string> | null;
  /** Organisation handles: their networks, AS numbers and contacts only. */
  orgs: ReadonlySet<string> | null;
}

interface OrgObject {
  name: string | undefined;
  country: string | undefined;
  abuseC: string | undefined;
  adminC: string[];
  techC: string[];
  abuseMailbox: string | undefined;
  file: number;
  line: number;
}

interface RoleObject {
  name: string;
  abuseMailbox: string | undefined;
  email: string | undefined;
  phone: string | undefined;
}

const CLASSES = {
  inetnum: ["country", "org"],
  inet6num: ["country", "org"],
  "aut-num": ["org"],
  organisation: ["org-name", "country", "abuse-c", "admin-c", "tech-c", "abuse-mailbox"],
  role: ["nic-hdl", "abuse-mailbox", "e-mail", "phone"],
  person: ["nic-hdl", "abuse-mailbox", "e-mail", "phone"],
} as const;

const BATCH = 5_000;
const MAX_ASN = 4_294_967_295;

export interface RipeReadResult {
  objectsRead: number;
  /** inetnum/inet6num objects in the filter without an org: reference (covered by their parent's). */
  withoutOrg: number;
}

/** Reads the files into the import's staged rows; errors go to `errors` by file and line. */
export async function stageRipeFiles(
  db: Db,
  importId: string,
  files: readonly ImportFile[],
  filter: RipeFilter,
  errors: ImportErrors,
): Promise<RipeReadResult> {
  const orgs = new Map<string, OrgObject>();
  const roles = new Map<string, RoleObject>();
  const autNums: { asn: number; org: string; file: number; line: number }[] = [];
  const referenced = new Set<string>();
  const result: RipeReadResult = { objectsRead: 0, withoutOrg: 0 };
  let batch: StagedRow[] = [];
  // One insert in flight while the next batch is read: parsing and the database overlap.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await inFlight;
    inFlight = insertStagedRows(db, importId, rows);
  };
  const reject = (cls: string, attribute: string, value: string): boolean => {
    if (attribute === "country") return filter.countries !== null && !filter.countries.has(value.toUpperCase());
    if (attribute === "org" && cls !== "organisation") return filter.orgs !== null && !filter.orgs.has(value);
    return false;
  };

  for (const [fileIndex, file] of files.entries()) {
    for await (const read of readRpsl(file.open(), { classes: CLASSES, reject })) {
      result.objectsRead += read.read;
      for (const problem of read.problems) errors.add(file.name, problem.line, problem.message);
      for (const object of read.objects) {
        switch (object.class) {
          case "inetnum":
          case "inet6num": {
            const row = networkRow(object, fileIndex, filter, (message) => errors.add(file.name, object.line, message));
            if (row === "no-org") result.withoutOrg += 1;
            else if (row !== null) {
              referenced.add(row.org);
              batch.push(row);
            }
            break;
          }
          case "aut-num": {
            const asn = parseAsn(object.key);
            const org = firstValue(object, "org");
            if (asn === null) errors.add(file.name, object.line, `not an AS number: ${object.key.slice(0, 40)}`);
            else if (org !== undefined) autNums.push({ asn, org, file: fileIndex, line: object.line });
            break;
          }
          case "organisation":
            orgs.set(object.key, {
              name: firstValue(object, "org-name"),
              country: firstValue(object, "country")?.toUpperCase(),
              abuseC: firstValue(object, "abuse-c"),
              adminC: object.attributes["admin-c"] ?? [],
              techC: object.attributes["tech-c"] ?? [],
              abuseMailbox: firstValue(object, "abuse-mailbox"),
              file: fileIndex,
              line: object.line,
            });
            break;
          default: {
            // role and person: kept only when they give an address to write to.
            const handle = firstValue(object, "nic-hdl");
            const abuseMailbox = firstValue(object, "abuse-mailbox");
            const email = firstValue(object, "e-mail");
            if (handle === undefined || (abuseMailbox === undefined && email === undefined)) break;
            roles.set(handle.toUpperCase(), {
              name: object.key,
              abuseMailbox,
              email,
              phone: firstValue(object, "phone"),
            });
          }
        }
        if (batch.length >= BATCH) await flush();
      }
    }
  }

  // Every file read: the organisations in scope, their AS numbers and contacts.
  const only = filter.countries?.size === 1 ? [...filter.countries][0] : undefined;
  const stagedOrgs = new Set<string>();
  for (const [handle, org] of orgs) {
    const inScope =
      filter.orgs !== null
        ? filter.orgs.has(handle)
        : filter.countries === null ||
          referenced.has(handle) ||
          (org.country !== undefined && filter.countries.has(org.country));
    if (!inScope) continue;
    const file = files[org.file]?.name ?? "";
    if (org.name === undefined) {
      errors.add(file, org.line, `organisation ${handle} has no org-name`);
      continue;
    }
    const country = org.country ?? only ?? null;
    const language = country === null || country === "SE" ? "sv" : "en";
    const at = { org: handle, file: org.file, line: org.line };
    stagedOrgs.add(handle);
    batch.push({ kind: "organisation", key: handle, ...at, name: org.name.slice(0, 300), language, country });
    const contact = (role: "abuse" | "management" | "technical", email: string | undefined, from?: RoleObject) => {
      if (email === undefined || !email.includes("@")) return;
      const address = email.toLowerCase();
      batch.push({
        kind: "contact",
        key: `${handle} ${role} ${address}`,
        ...at,
        email: address,
        role,
        phone: from?.phone ?? null,
        name: from?.name ?? null,
        language,
      });
    };
    if (org.abuseC !== undefined) {
      const role = roles.get(org.abuseC.toUpperCase());
      if (role === undefined) errors.add(file, org.line, `abuse-c ${org.abuseC}: no role object with this nic-hdl`);
      else contact("abuse", role.abuseMailbox ?? role.email, role);
    }
    contact("abuse", org.abuseMailbox);
    for (const handleC of org.adminC) {
      const role = roles.get(handleC.toUpperCase());
      contact("management", role?.email, role);
    }
    for (const handleC of org.techC) {
      const role = roles.get(handleC.toUpperCase());
      contact("technical", role?.email, role);
    }
    if (batch.length >= BATCH) await flush();
  }
  for (const handle of filter.orgs ?? []) {
    if (!orgs.has(handle)) errors.add("", 0, `organisation ${handle} is not in the files`);
  }
  for (const aut of autNums) {
    // An AS number is in scope with its organisation; unfiltered, each one is (a missing organisation
    // is then an error, found with the networks' in the staging table).
    if (filter.countries === null && filter.orgs === null ? false : !stagedOrgs.has(aut.org)) continue;
    batch.push({ kind: "asn", key: `AS${aut.asn}`, org: aut.org, file: aut.file, line: aut.line, asn: aut.asn });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await inFlight;
  return result;
}

function networkRow(
  object: RpslObject,
  file: number,
  filter: RipeFilter,
  error: (message: string) => void,
): StagedRow | "no-org" | null {
  const country = firstValue(object, "country")?.toUpperCase();
  // Without a country attribute the filter cannot place it: outside.
  if (filter.countries !== null && country === undefined) return null;
  const org = firstValue(object, "org");
  if (org === undefined) return filter.orgs === null ? "no-org" : null;
  const range = parseImportRange(object.key);
  if (typeof range === "string") {
    error(`${object.class} ${object.key.slice(0, 80)}: ${range}`);
    return null;
  }
  if ((object.class === "inetnum") === object.key.includes(":")) {
    error(`${object.class} ${object.key.slice(0, 80)}: wrong address family`);
    return null;
  }
  return {
    kind: "network",
    key: range.label,
    org,
    file,
    line: object.line,
    first: range.first,
    last: range.last,
    label: range.label,
    country: country ?? null,
  };
}

function parseAsn(key: string): number | null {
  const m = /^AS(\d{1,10})$/i.exec(key.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  return n <= MAX_ASN ? n : null;
}
