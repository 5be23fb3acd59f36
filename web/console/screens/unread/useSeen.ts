import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CaseKind, SeenReceipt } from "../../../../contract/unread.js";
import { api } from "../../../lib/api/client.js";
import { UNREAD_KEY } from "./useUnread.js";

/**
 * Tells the server I am looking at this report or incident, when the page opens and again whenever
 * `version` (what the page shows) changes while the tab is visible. Answers when I had looked before
 * this visit (null: never; undefined: not known yet), so the page can mark what is newer.
 */
export function useSeen(kind: CaseKind, reference: string, version: unknown): string | null | undefined {
  const client = useQueryClient();
  const [before, setBefore] = useState<{ reference: string; at: string | null } | undefined>(undefined);
  const mark = useMutation({
    mutationFn: () => api<SeenReceipt>("PUT", `/${kind}s/${encodeURIComponent(reference)}/seen`),
    onSuccess: (receipt) => {
      // The first look of this visit is the one to compare with; later ones only move the marker on.
      setBefore((b) => (b?.reference === reference ? b : { reference, at: receipt.previousSeenAt }));
      void client.invalidateQueries({ queryKey: UNREAD_KEY });
    },
  });
  const { mutate } = mark;
  useEffect(() => {
    if (version === undefined || document.visibilityState === "hidden") return;
    mutate();
  }, [kind, reference, version, mutate]);
  return before?.reference === reference ? before.at : undefined;
}
