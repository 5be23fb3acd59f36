import i18next, { type TFunction } from "i18next";
import { ApiError } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import { formatBytes } from "../../lib/intake/limits.js";

/** Words a failure for a reporter; a file limit names the limit the server stated, in the reader's units. */
export function portalErrorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && (err.code === "attachment_too_large" || err.code === "report_too_large")) {
    // The limit comes as a number of bytes in the field error (`file_too_large`, `files_too_large`).
    const limit = Object.values(err.fieldProblems).find((p) => p.params?.limit !== undefined)?.params?.limit;
    return limit === undefined
      ? t(`errors.${err.code}`)
      : t("attachments.serverLimit", { limit: formatBytes(limit, i18next.language) });
  }
  return errorMessage(t, err);
}
