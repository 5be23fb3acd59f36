import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";

/** Words a failure for a reporter; a file limit names the limit the server stated. */
export function portalErrorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && err.status === 413) {
    // The server's message states its configured limit ("A file may be at most 25 MB").
    const limit = /(\d+(?:\.\d+)? (?:MB|KB|bytes))/.exec(err.message)?.[1];
    return limit ? t("attachments.serverLimit", { limit }) : t("errors.attachment_too_large");
  }
  return errorMessage(t, err);
}
