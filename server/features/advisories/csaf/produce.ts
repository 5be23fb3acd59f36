import { createHash } from "node:crypto";
import { AppError } from "../../../platform/errors.js";
import type { AdvisoryContent, CveDescription, DocumentSigner, ReleaseFacts } from "../types.js";
import { buildCsafDocument, type DocumentOptions } from "./build-document.js";
import { csafFilename, csafFolder, translatedTrackingId, type CsafFolder } from "./names.js";
import { describeFailure, validateCsaf, type CsafValidation } from "./validate.js";

// One advisory's CSAF documents as they will be served: built, validated (a document that fails is
// never published), serialized once, hashed and signed over those very bytes.

export interface ProducedDocument {
  language: "sv" | "en";
  folder: CsafFolder;
  /** folder/year/file.json */
  path: string;
  json: string;
  sha256: string;
  sha512: string;
  signature: string | null;
}

export interface ProviderOptions {
  publicUrl: string;
  certName: string;
  certWeb: string;
}

function documentOptions(options: ProviderOptions, cves: readonly CveDescription[]): DocumentOptions {
  return {
    publicUrl: options.publicUrl,
    publisher: { name: options.certName, namespace: options.certWeb },
    generator: "0.1.0",
    cves,
  };
}

/** The languages that go out: Swedish always; English when it exists and translates the current Swedish text. */
export function languagesToPublish(content: AdvisoryContent, translationLags: boolean): ("sv" | "en")[] {
  return content.en && !translationLags ? ["sv", "en"] : ["sv"];
}

/** Builds and validates each language's document, without publishing anything. */
export async function checkDocuments(
  content: AdvisoryContent,
  facts: ReleaseFacts,
  languages: readonly ("sv" | "en")[],
  options: ProviderOptions,
  cves: readonly CveDescription[],
): Promise<{ language: "sv" | "en"; doc: Record<string, unknown>; validation: CsafValidation }[]> {
  return Promise.all(
    languages.map(async (language) => {
      const doc = buildCsafDocument(content, facts, language, documentOptions(options, cves));
      return { language, doc, validation: await validateCsaf(doc) };
    }),
  );
}

/** The documents, ready to store; 400 advisory_csaf_invalid naming each failed test if any fails. */
export async function produceDocuments(
  content: AdvisoryContent,
  facts: ReleaseFacts,
  languages: readonly ("sv" | "en")[],
  options: ProviderOptions,
  cves: readonly CveDescription[],
  signer: DocumentSigner,
): Promise<ProducedDocument[]> {
  const checked = await checkDocuments(content, facts, languages, options, cves);
  const failed = checked.flatMap((c) =>
    c.validation.failures.map((f) => ({
      path: `csaf.${c.language}${f.path.replace(/\//g, ".").replace(/\.$/, "")}`,
      message: describeFailure(f),
      code: "csaf_test_failed" as const,
    })),
  );
  if (failed.length > 0)
    throw new AppError("advisory_csaf_invalid", "invalid", "The CSAF document fails validation", { errors: failed });
  const folder = csafFolder(content.tlp);
  const year = facts.initialReleaseAt.getUTCFullYear();
  return Promise.all(
    checked.map(async ({ language, doc }) => {
      const json = `${JSON.stringify(doc, null, 2)}\n`;
      const bytes = Buffer.from(json, "utf8");
      const id = language === "sv" ? facts.trackingId : translatedTrackingId(facts.trackingId, language);
      return {
        language,
        folder,
        path: `${folder}/${year}/${csafFilename(id)}`,
        json,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        sha512: createHash("sha512").update(bytes).digest("hex"),
        signature: await signer.sign(bytes),
      };
    }),
  );
}
