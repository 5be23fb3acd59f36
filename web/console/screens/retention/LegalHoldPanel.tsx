import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { retentionKeys, useLegalHold } from "./api.js";

/** An incident's legal hold: shown to whoever sees the incident, placed and lifted by case workers (audited). */
export function LegalHoldPanel({ reference, canEdit }: { reference: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const hold = useLegalHold(reference);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<"placed" | "lifted" | null>(null);
  const url = `/incidents/${encodeURIComponent(reference)}/legal-hold`;
  const change = useMutation({
    mutationFn: (place: boolean) => (place ? api("PUT", url, { reason: reason.trim() }) : api("DELETE", url)),
    onSuccess: async (_, place) => {
      setDone(place ? "placed" : "lifted");
      setReason("");
      await client.invalidateQueries({ queryKey: retentionKeys.all });
    },
  });
  const current = hold.data?.hold ?? null;
  return (
    <Section title={t("oncallOps.hold.title")} id="incident-legal-hold">
      {hold.isError ? <Notice tone="error">{errorMessage(t, hold.error)}</Notice> : null}
      {change.isError ? <Notice tone="error">{errorMessage(t, change.error)}</Notice> : null}
      {done ? <Notice tone="success">{t(`oncallOps.hold.${done}`)}</Notice> : null}
      {current ? (
        <>
          <p>
            {t("oncallOps.hold.held", {
              at: formatDateTime(current.setAt, i18n.language),
              name: current.setBy?.name ?? "—",
            })}
          </p>
          <blockquote>{current.reason}</blockquote>
          {canEdit ? (
            <Button busy={change.isPending} onClick={() => change.mutate(false)}>
              {t("oncallOps.hold.lift")}
            </Button>
          ) : null}
        </>
      ) : hold.isSuccess ? (
        <>
          <p>{t("oncallOps.hold.none")}</p>
          {canEdit ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) change.mutate(true);
              }}
            >
              <TextField
                label={t("oncallOps.hold.reason")}
                value={reason}
                maxLength={2000}
                required
                onChange={(e) => setReason(e.target.value)}
              />
              <Button type="submit" busy={change.isPending}>
                {t("oncallOps.hold.place")}
              </Button>
            </form>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
