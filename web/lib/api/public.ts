import type { z } from "zod";
import type { FollowUpView, Nis2StageInput, ReportReceipt, ReportSubmissionInput } from "../../../contract/intake.js";
import { ApiError, toApiError } from "./client.js";

// The public intake API (/api/public/v1): no session, no CSRF; the follow-up token is a Bearer
// header, never part of a URL.

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/public/v1${path}`, { credentials: "omit", ...init });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached");
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

// JSON alone, or multipart with the JSON in `field` and the files as `attachments`.
function body(json: unknown, field: string, files: readonly File[]): { body: BodyInit; headers: HeadersInit } {
  if (files.length === 0)
    return { body: JSON.stringify(json), headers: { "content-type": "application/json", accept: "application/json" } };
  const form = new FormData();
  // The JSON first: the server checks it before reading any file.
  form.append(field, JSON.stringify(json));
  for (const file of files) form.append("attachments", file, file.name);
  return { body: form, headers: { accept: "application/json" } };
}

/** Files a report from the web form (JSON, or multipart when files are attached). */
export function submitReport(
  report: ReportSubmissionInput & { website?: string },
  files: readonly File[],
): Promise<ReportReceipt> {
  const { body: payload, headers } = body(report, "report", files);
  return send<ReportReceipt>("/reports", {
    method: "POST",
    body: payload,
    headers: { ...headers, "x-fyr-channel": "web" },
  });
}

/** What the reporter may see of their report, by its follow-up token. */
export function fetchFollowUp(token: string): Promise<FollowUpView> {
  return send<FollowUpView>("/follow-up", {
    method: "GET",
    headers: { accept: "application/json", authorization: `Bearer ${token}` },
  });
}

/** Adds the reporter's message (and files, or a later NIS2 stage) to their report. */
export function sendFollowUpMessage(
  token: string,
  message: { body: string; nis2?: z.input<typeof Nis2StageInput> },
  files: readonly File[],
): Promise<{ sentAt: string }> {
  const { body: payload, headers } = body(message, "message", files);
  return send<{ sentAt: string }>("/follow-up/messages", {
    method: "POST",
    body: payload,
    headers: { ...headers, authorization: `Bearer ${token}` },
  });
}
