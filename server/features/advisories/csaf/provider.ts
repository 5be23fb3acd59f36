import { escapeHtml } from "../../../platform/http/html.js";
import type { PublicationListRow } from "../publications-store.js";
import { CSAF_FOLDERS, type CsafFolder, feedName, folderBase, isPublicFolder, translatedTrackingId } from "./names.js";

const documentTrackingId = (r: PublicationListRow) =>
  r.language === "sv" ? r.tracking_id : translatedTrackingId(r.tracking_id, r.language);

// The CSAF trusted provider's files other than the documents (CSAF 2.0 §7.1): provider-metadata.json
// (requirement 7), index.txt (12), changes.csv (13), directory listings (14), the ROLIE feeds (15) and
// service document (16). All are computed from the publications, so they never disagree with them.

export interface ProviderFacts {
  publicUrl: string;
  certName: string;
  certWeb: string;
  lastUpdated: Date;
  key: { fingerprint: string } | null;
}

const TLP_LABEL: Record<CsafFolder, string> = { clear: "WHITE", green: "GREEN", amber: "AMBER", red: "RED" };

export function providerMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/csaf/provider-metadata.json`;
}

function feedUrl(publicUrl: string, folder: CsafFolder): string {
  return isPublicFolder(folder)
    ? `${publicUrl}/.well-known/csaf/${feedName(folder)}`
    : `${publicUrl}/api/v1/my/csaf/${feedName(folder)}`;
}

/**
 * provider-metadata.json. The role is csaf_trusted_provider when documents are signed (requirements
 * 18–20 need the CERT key), csaf_provider without a key. Both distributions are offered: the directory
 * of each TLP folder and a ROLIE feed per TLP.
 */
export function providerMetadata(f: ProviderFacts): object {
  return {
    canonical_url: providerMetadataUrl(f.publicUrl),
    distributions: [
      ...CSAF_FOLDERS.map((folder) => ({ directory_url: `${folderBase(f.publicUrl, folder)}/` })),
      {
        rolie: {
          feeds: CSAF_FOLDERS.map((folder) => ({
            summary: `${f.certName}: TLP:${TLP_LABEL[folder]} advisories${isPublicFolder(folder) ? "" : " (members of the constituency, with an API token)"}`,
            tlp_label: TLP_LABEL[folder],
            url: feedUrl(f.publicUrl, folder),
          })),
          services: [`${f.publicUrl}/.well-known/csaf/service.json`],
        },
      },
    ],
    last_updated: f.lastUpdated.toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: f.key
      ? [{ fingerprint: f.key.fingerprint, url: `${f.publicUrl}/.well-known/csaf/openpgp/${f.key.fingerprint}.asc` }]
      : [],
    publisher: { category: "coordinator", name: f.certName, namespace: f.certWeb },
    role: f.key ? "csaf_trusted_provider" : "csaf_provider",
  };
}

/** The path of a document inside its folder (2026/fyr-sa-2026-0001.json). */
const inFolder = (r: PublicationListRow) => r.path.slice(r.folder.length + 1);

/** Requirement 12: every document's file name, below the folder. */
export function indexTxt(rows: readonly PublicationListRow[]): string {
  return rows.map((r) => `${inFolder(r)}\n`).join("");
}

/** Requirement 13: file name and current_release_date, newest first, no heading. */
export function changesCsv(rows: readonly PublicationListRow[]): string {
  const sorted = [...rows].sort((a, b) => b.current_release_at.getTime() - a.current_release_at.getTime());
  return sorted.map((r) => `"${inFolder(r)}","${r.current_release_at.toISOString()}"\n`).join("");
}

/** Requirement 15: the ROLIE feed of one TLP, every document with its hash and signature links. */
export function rolieFeed(
  folder: CsafFolder,
  rows: readonly PublicationListRow[],
  f: ProviderFacts,
  signed: boolean,
): object {
  const base = folderBase(f.publicUrl, folder);
  return {
    feed: {
      id: `${f.certName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-csaf-feed-tlp-${TLP_LABEL[folder].toLowerCase()}`,
      title: `${f.certName} CSAF feed (TLP:${TLP_LABEL[folder]})`,
      link: [{ rel: "self", href: feedUrl(f.publicUrl, folder) }],
      category: [{ scheme: "urn:ietf:params:rolie:category:information-type", term: "csaf" }],
      updated: (rows[0]?.current_release_at ?? f.lastUpdated).toISOString(),
      entry: rows.map((r) => {
        const href = `${base}/${inFolder(r)}`;
        return {
          id: documentTrackingId(r),
          title: documentTrackingId(r),
          link: [
            { rel: "self", href },
            { rel: "hash", href: `${href}.sha256` },
            { rel: "hash", href: `${href}.sha512` },
            ...(signed ? [{ rel: "signature", href: `${href}.asc` }] : []),
          ],
          published: r.initial_release_at.toISOString(),
          updated: r.current_release_at.toISOString(),
          content: { type: "application/json", src: href },
          format: { schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", version: "2.0" },
        };
      }),
    },
  };
}

/** Requirement 16 (optional, offered): the service document listing the feeds. */
export function rolieService(f: ProviderFacts): object {
  return {
    service: {
      workspace: [
        {
          title: `${f.certName} CSAF feeds`,
          collection: CSAF_FOLDERS.map((folder) => ({
            title: `${f.certName} CSAF feed (TLP:${TLP_LABEL[folder]})`,
            href: feedUrl(f.publicUrl, folder),
            categories: { category: [{ scheme: "urn:ietf:params:rolie:category:information-type", term: "csaf" }] },
          })),
        },
      ],
    },
  };
}

/** Requirement 14: a plain directory listing of `names` (files and sub-folders ending in "/"). */
export function directoryListing(title: string, names: readonly string[]): string {
  const items = names.map((n) => `<li><a href="${escapeHtml(n)}">${escapeHtml(n)}</a></li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Index of ${escapeHtml(title)}</title></head>
<body><main><h1>Index of ${escapeHtml(title)}</h1><ul>
${items}
</ul></main></body></html>
`;
}
