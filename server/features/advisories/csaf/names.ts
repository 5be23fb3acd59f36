import type { TlpLabel } from "../../../../contract/intake.js";

// How CSAF names things: the file name from the tracking id (CSAF 2.0 §5.1), the TLP label (CSAF 2.0
// knows TLPv1 only: WHITE, GREEN, AMBER, RED), and the folders a trusted provider keeps documents in.

/** CSAF 2.0 §5.1: the tracking id lower-cased, every run of other characters than [+\-a-z0-9] one "_", ".json". */
export function csafFilename(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}

/** The TLPv1 label CSAF 2.0 writes (§3.2.1.5.2). */
export type CsafTlp = "WHITE" | "GREEN" | "AMBER" | "RED";

/**
 * TLP 2.0 (what Fyr labels) to the TLPv1 of CSAF 2.0: CLEAR is WHITE renamed (FIRST says so); AMBER and
 * AMBER+STRICT are both AMBER, since TLPv1 has no STRICT — the document's distribution text keeps the
 * TLP 2.0 label, and both are only ever served to authenticated members.
 */
export function csafTlp(tlp: TlpLabel): CsafTlp {
  switch (tlp) {
    case "TLP:CLEAR":
      return "WHITE";
    case "TLP:GREEN":
      return "GREEN";
    case "TLP:AMBER":
    case "TLP:AMBER+STRICT":
      return "AMBER";
    case "TLP:RED":
      return "RED";
  }
}

/** The provider's folders, one per TLP (requirement 5: AMBER and RED under another, protected path). */
export type CsafFolder = "clear" | "green" | "amber" | "red";
export const CSAF_FOLDERS: readonly CsafFolder[] = ["clear", "green", "amber", "red"];
export const PUBLIC_FOLDERS: readonly CsafFolder[] = ["clear", "green"];

export function csafFolder(tlp: TlpLabel): CsafFolder {
  const label = csafTlp(tlp);
  return label === "WHITE" ? "clear" : (label.toLowerCase() as CsafFolder);
}

/** TLP:CLEAR and TLP:GREEN are public; AMBER and RED go to authenticated members only. */
export function isPublicFolder(folder: CsafFolder): boolean {
  return PUBLIC_FOLDERS.includes(folder);
}

/** The ROLIE feed's file name for a folder (feed-tlp-white.json, as the specification's examples). */
export function feedName(folder: CsafFolder): string {
  return `feed-tlp-${folder === "clear" ? "white" : folder}.json`;
}

/** Where a folder lives: the public ones under /.well-known/csaf/, the protected ones in the member API. */
export function folderBase(publicUrl: string, folder: CsafFolder): string {
  return isPublicFolder(folder) ? `${publicUrl}/.well-known/csaf/${folder}` : `${publicUrl}/api/v1/my/csaf/${folder}`;
}

/** The tracking id of a translation: the original's with the language appended (§9.1.9 allows it). */
export function translatedTrackingId(trackingId: string, language: string): string {
  return `${trackingId}-${language}`;
}
