import { useEffect, useState } from "react";
import { IntakeLimits } from "../../../contract/intake.js";
import { type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from "./limits.js";

/** The server's attachment limits (GET /api/public/v1/limits), or null when it gave no usable answer. */
export async function fetchAttachmentLimits(request: typeof fetch = fetch): Promise<AttachmentLimits | null> {
  try {
    const res = await request("/api/public/v1/limits", {
      credentials: "omit",
      headers: { accept: "application/json" },
    });
    if (!res.ok) return null;
    const parsed = IntakeLimits.safeParse(await res.json());
    return parsed.success ? { file: parsed.data.maxAttachmentBytes, total: parsed.data.maxReportBytes } : null;
  } catch {
    // Offline or a proxy's error page: the defaults stand, and the server still refuses with a 413.
    return null;
  }
}

// One request per page load, shared by every picker on the page.
let answered: AttachmentLimits | null = null;
let pending: Promise<AttachmentLimits | null> | null = null;

function loadAttachmentLimits(): Promise<AttachmentLimits | null> {
  pending ??= fetchAttachmentLimits().then((limits) => {
    answered = limits;
    // Unanswered: the next picker to appear asks again rather than keep the defaults for good.
    if (limits === null) pending = null;
    return limits;
  });
  return pending;
}

/** The attachment limits to state and check: the defaults until the server has answered. */
export function useIntakeLimits(): AttachmentLimits {
  const [limits, setLimits] = useState<AttachmentLimits>(() => answered ?? DEFAULT_ATTACHMENT_LIMITS);
  useEffect(() => {
    if (answered) return;
    let mounted = true;
    void loadAttachmentLimits().then((found) => {
      if (mounted && found) setLimits(found);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return limits;
}
