import type { Db } from "../../../platform/db/connect.js";
import type { PublicationCache, Rendered } from "../public/publication-cache.js";
import { selectFolder, selectPublicationByPath } from "../publications-store.js";
import type { DocumentSigner } from "../types.js";
import { CSAF_FOLDERS, type CsafFolder, feedName } from "./names.js";
import {
  type ProviderFacts,
  changesCsv,
  directoryListing,
  indexTxt,
  providerMetadata,
  rolieFeed,
  rolieService,
} from "./provider.js";

// Every file of the CSAF provider by its path below the provider's root: /.well-known/csaf/ for the
// public folders (clear, green) and what is about the provider itself; /api/v1/my/csaf/ for the folders
// only members read (amber, red). A path outside the folders given answers as absent (404), exactly as
// a path that does not exist.

const JSON_TYPE = "application/json; charset=utf-8";
const TEXT = "text/plain; charset=utf-8";
const HTML = "text/html; charset=utf-8";

export interface CsafServeDeps {
  db: Db;
  cache: PublicationCache;
  signer: DocumentSigner;
  provider: { publicUrl: string; certName: string; certWeb: string };
}

async function facts(deps: CsafServeDeps, lastUpdated: Date | null): Promise<ProviderFacts> {
  const key = await deps.signer.publicKey();
  return {
    ...deps.provider,
    lastUpdated: lastUpdated ?? new Date(0),
    key: key ? { fingerprint: key.fingerprint } : null,
  };
}

const out = (body: string, type: string, lastModified: Date | null) => ({ body, type, lastModified });

async function renderPath(
  deps: CsafServeDeps,
  path: string,
  folders: readonly CsafFolder[],
  root: boolean,
  latest: Date | null,
): Promise<Omit<Rendered, "etag"> | null> {
  const parts = path.split("/");
  const [first, second, third] = parts;
  if (path === "" && root)
    return out(
      directoryListing("/.well-known/csaf/", [
        "provider-metadata.json",
        "service.json",
        ...folders.map((f) => feedName(f)),
        ...folders.map((f) => `${f}/`),
        "openpgp/",
      ]),
      HTML,
      latest,
    );
  if (path === "" && !root)
    return out(
      directoryListing("/api/v1/my/csaf/", [...folders.map((f) => feedName(f)), ...folders.map((f) => `${f}/`)]),
      HTML,
      latest,
    );
  if (root && path === "provider-metadata.json")
    return out(JSON.stringify(providerMetadata(await facts(deps, latest)), null, 2), JSON_TYPE, latest);
  if (root && path === "service.json")
    return out(JSON.stringify(rolieService(await facts(deps, latest)), null, 2), JSON_TYPE, latest);
  if (root && first === "openpgp") {
    const key = await deps.signer.publicKey();
    if (!key) return second === "" || second === undefined ? out(directoryListing("openpgp/", []), HTML, null) : null;
    if (second === "" || second === undefined)
      return out(directoryListing("openpgp/", [`${key.fingerprint}.asc`]), HTML, null);
    return second === `${key.fingerprint}.asc` && parts.length === 2
      ? out(key.armored, "application/pgp-keys", null)
      : null;
  }
  const feedFolder = folders.find((f) => path === feedName(f));
  if (feedFolder) {
    const rows = await selectFolder(deps.db, feedFolder);
    const signed = (await deps.signer.publicKey()) !== null;
    return out(
      JSON.stringify(rolieFeed(feedFolder, rows, await facts(deps, latest), signed), null, 2),
      JSON_TYPE,
      latest,
    );
  }
  const folder = folders.find((f) => f === first);
  if (!folder) return null;
  if (parts.length === 2 && (second === "" || second === "index.txt" || second === "changes.csv")) {
    const rows = await selectFolder(deps.db, folder);
    if (second === "index.txt") return out(indexTxt(rows), TEXT, latest);
    if (second === "changes.csv") return out(changesCsv(rows), "text/csv; charset=utf-8", latest);
    const years = [...new Set(rows.map((r) => r.path.split("/")[1] ?? ""))].sort().reverse();
    return out(
      directoryListing(`${folder}/`, ["index.txt", "changes.csv", ...years.map((y) => `${y}/`)]),
      HTML,
      latest,
    );
  }
  if (parts.length === 3 && third === "" && /^\d{4}$/.test(second ?? "")) {
    const rows = (await selectFolder(deps.db, folder)).filter((r) => r.path.startsWith(`${folder}/${second}/`));
    if (rows.length === 0) return null;
    const signed = (await deps.signer.publicKey()) !== null;
    const names = rows.flatMap((r) => {
      const name = r.path.split("/")[2] ?? "";
      return [name, `${name}.sha256`, `${name}.sha512`, ...(signed ? [`${name}.asc`] : [])];
    });
    return out(directoryListing(`${folder}/${second}/`, names.sort()), HTML, latest);
  }
  if (parts.length !== 3 || !third) return null;
  const m = /^(.+\.json)(\.sha256|\.sha512|\.asc)?$/.exec(third);
  if (!m?.[1]) return null;
  const doc = await selectPublicationByPath(deps.db, `${folder}/${second}/${m[1]}`);
  if (!doc) return null;
  const name = m[1];
  switch (m[2]) {
    case undefined:
      return out(doc.csaf, JSON_TYPE, doc.current_release_at);
    case ".sha256":
      return out(`${doc.sha256}  ${name}\n`, TEXT, doc.current_release_at);
    case ".sha512":
      return out(`${doc.sha512}  ${name}\n`, TEXT, doc.current_release_at);
    case ".asc":
      return doc.signature ? out(doc.signature, "application/pgp-signature", doc.current_release_at) : null;
    default:
      return null;
  }
}

/** A provider file (cached until the next publication), or null for 404. */
export async function serveCsafPath(
  deps: CsafServeDeps,
  path: string,
  surface: "public" | "members",
): Promise<Rendered | null> {
  const folders =
    surface === "public"
      ? CSAF_FOLDERS.filter((f) => f === "clear" || f === "green")
      : CSAF_FOLDERS.filter((f) => f === "amber" || f === "red");
  if (path.includes("..") || path.length > 300) return null;
  const latest = await deps.cache.fresh(deps.db);
  return deps.cache.get(deps.db, `csaf:${surface}:${path}`, () =>
    renderPath(deps, path, folders, surface === "public", latest),
  );
}
