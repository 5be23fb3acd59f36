import type { ServiceContext } from "../../platform/deps.js";
import { AppError, notFound } from "../../platform/errors.js";
import { type CaseFileRow, selectCaseFile } from "./case-files-store.js";

/**
 * The file `id` as the viewer may see it. A file of a case hidden from them (TLP:RED) answers exactly
 * like one that does not exist: same status, code and words, so an id reveals nothing.
 */
export async function loadVisibleFile(ctx: ServiceContext, id: string): Promise<CaseFileRow> {
  const file = await selectCaseFile(ctx.db, ctx.actor, id);
  if (!file) throw fileNotFound();
  return file;
}

export const fileNotFound = () => notFound("file_not_found", "No such file");

/** The refusal every raw route answers for a sample, naming the one way it may leave. */
export function sampleRefused(): AppError {
  return new AppError(
    "file_is_sample",
    "conflict",
    'This file is a malware sample: download it as an encrypted ZIP (password "infected")',
  );
}
