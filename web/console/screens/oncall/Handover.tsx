import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Handover as HandoverRow, HandoverPrefill } from "../../../../contract/oncall.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { oncallKeys, useHandovers, useOfficers, usePrefill } from "./api.js";

/** The note's first draft: what is open now, as the dashboard shows it. */
function draft(t: (k: string) => string, p: HandoverPrefill, lang: string): string {
  const lines = [`${t("oncall.handover.openReports")}:`];
  for (const r of p.openReports)
    lines.push(`- ${r.reference} ${r.summary}${r.overdue ? ` (${t("oncall.handover.overdue")})` : ""}`);
  lines.push("", `${t("oncall.handover.incidents")}:`);
  for (const i of p.incidents) lines.push(`- ${i.reference} ${i.title}${i.severity ? ` [${i.severity}]` : ""}`);
  lines.push("", `${t("oncall.handover.nis2")}:`);
  for (const d of p.nis2Deadlines) lines.push(`- ${d.reference} ${d.kind} ${formatDateTime(d.dueAt, lang)}`);
  return `${lines.join("\n")}\n`;
}

/** The handover: the outgoing officer writes the pre-filled note; the incoming one acknowledges it. */
export function Handover({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const prefill = usePrefill();
  const handovers = useHandovers();
  const officers = useOfficers();
  const [note, setNote] = useState("");
  const [to, setTo] = useState("");
  // The draft is written once, when the prefill arrives; emptying the note afterwards keeps it empty.
  const [drafted, setDrafted] = useState(false);
  useEffect(() => {
    if (prefill.data && !drafted) {
      setNote(draft(t, prefill.data, i18n.language));
      setDrafted(true);
    }
  }, [prefill.data, drafted, t, i18n.language]);
  const refresh = () => client.invalidateQueries({ queryKey: oncallKeys.all });
  const write = useMutation({
    mutationFn: () => api("POST", "/oncall/handovers", { toUserId: to, note }),
    onSuccess: refresh,
  });
  const ack = useMutation({
    mutationFn: (id: string) => api("POST", `/oncall/handovers/${id}/acknowledge`),
    onSuccess: refresh,
  });
  return (
    <>
      <PageHeader title={t("oncall.handover.title")} />
      <Section title={t("oncall.handover.write")} id="oncall-handover-write">
        {write.isError ? <Notice tone="error">{errorMessage(t, write.error)}</Notice> : null}
        {write.isSuccess ? <Notice tone="success">{t("oncall.handover.written")}</Notice> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate();
          }}
        >
          <SelectField
            label={t("oncall.handover.to")}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            options={[
              { value: "", label: "—" },
              ...(officers.data?.items ?? [])
                .filter((o) => o.id !== me.id)
                .map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <div className="field">
            <label htmlFor="handover-note">{t("oncall.handover.note")}</label>
            <textarea id="handover-note" rows={14} value={note} onChange={(e) => setNote(e.target.value)} required />
          </div>
          <Button type="submit" variant="primary" busy={write.isPending} disabled={!to}>
            {t("oncall.handover.submit")}
          </Button>
        </form>
      </Section>
      <Section title={t("oncall.handover.list")} id="oncall-handovers">
        {ack.isError ? <Notice tone="error">{errorMessage(t, ack.error)}</Notice> : null}
        {(handovers.data?.items ?? []).length === 0 ? <p>{t("oncall.handover.none")}</p> : null}
        {(handovers.data?.items ?? []).map((h: HandoverRow) => (
          <article key={h.id} className="card">
            <h3>
              {h.from.name} → {h.to.name} · {formatDateTime(h.createdAt, i18n.language)}
            </h3>
            <pre className="handover-note">{h.note}</pre>
            {h.acknowledgedAt ? (
              <p>{t("oncall.handover.acknowledgedAt", { at: formatDateTime(h.acknowledgedAt, i18n.language) })}</p>
            ) : h.to.id === me.id ? (
              <Button variant="primary" onClick={() => ack.mutate(h.id)}>
                {t("oncall.handover.acknowledge")}
              </Button>
            ) : (
              <p>{t("oncall.handover.waiting")}</p>
            )}
          </article>
        ))}
      </Section>
    </>
  );
}
