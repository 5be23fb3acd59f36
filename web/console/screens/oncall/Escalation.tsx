import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Escalation as EscalationRow, EscalationStep, OncallChannel } from "../../../../contract/oncall.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { isAdmin, isDuty, oncallKeys, useEscalations, useOfficers, usePolicies } from "./api.js";

const CHANNELS: OncallChannel[] = ["email", "sms", "webhook"];
const WHOM = ["primary", "backup", "all-duty", "person"] as const;

/** The escalation policy editor (admins) and the latest escalations with their deliveries. */
export function Escalation({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const policies = usePolicies();
  const escalations = useEscalations();
  const officers = useOfficers();
  const current = policies.data?.items.find((p) => p.id === "default");
  const [steps, setSteps] = useState<EscalationStep[]>([]);
  const [loops, setLoops] = useState(1);
  useEffect(() => {
    if (current) {
      setSteps(current.steps);
      setLoops(current.loops);
    }
  }, [current]);
  const save = useMutation({
    mutationFn: () => api("PUT", "/oncall/escalation", { id: "default", trigger: "report-overdue", steps, loops }),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  const ack = useMutation({
    mutationFn: (id: string) => api("POST", `/oncall/escalations/${id}/acknowledge`),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  const edit = (i: number, change: Partial<EscalationStep>) =>
    setSteps(steps.map((s, n) => (n === i ? { ...s, ...change } : s)));
  const admin = isAdmin(me);
  return (
    <>
      <PageHeader title={t("oncall.escalation.title")} />
      <p className="ws-intro">{t("oncall.escalation.intro")}</p>
      <Section title={t("oncall.escalation.policy")} id="oncall-policy">
        {policies.isError ? <Notice tone="error">{errorMessage(t, policies.error)}</Notice> : null}
        {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
        {save.isSuccess ? <Notice tone="success">{t("oncall.escalation.saved")}</Notice> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <ol>
            {steps.map((step, i) => (
              <li key={i}>
                <fieldset disabled={!admin}>
                  <legend>{t("oncall.escalation.step", { n: i + 1 })}</legend>
                  <TextField
                    label={t("oncall.escalation.after")}
                    type="number"
                    min={0}
                    value={step.afterMinutes}
                    onChange={(e) => edit(i, { afterMinutes: Number(e.target.value) })}
                  />
                  <SelectField
                    label={t("oncall.escalation.notify")}
                    value={step.notify}
                    onChange={(e) => edit(i, { notify: e.target.value as EscalationStep["notify"] })}
                    options={WHOM.map((w) => ({ value: w, label: t(`oncall.escalation.whom.${w}`) }))}
                  />
                  {step.notify === "person" ? (
                    <SelectField
                      label={t("oncall.escalation.person")}
                      value={step.userId ?? ""}
                      onChange={(e) => edit(i, { userId: e.target.value })}
                      options={[
                        { value: "", label: "—" },
                        ...(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
                      ]}
                    />
                  ) : null}
                  {CHANNELS.map((c) => (
                    <CheckboxField
                      key={c}
                      label={t(`oncall.channels.${c}`)}
                      checked={step.channels.includes(c)}
                      onChange={(e) =>
                        edit(i, {
                          channels: e.target.checked ? [...step.channels, c] : step.channels.filter((x) => x !== c),
                        })
                      }
                    />
                  ))}
                  {admin ? (
                    <Button variant="quiet" onClick={() => setSteps(steps.filter((_, n) => n !== i))}>
                      {t("oncall.escalation.remove")}
                    </Button>
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ol>
          {admin ? (
            <>
              <Button
                variant="quiet"
                onClick={() => setSteps([...steps, { afterMinutes: 10, notify: "all-duty", channels: ["email"] }])}
              >
                {t("oncall.escalation.add")}
              </Button>
              <TextField
                label={t("oncall.escalation.loops")}
                type="number"
                min={1}
                max={10}
                value={loops}
                onChange={(e) => setLoops(Number(e.target.value))}
              />
              <Button type="submit" variant="primary" busy={save.isPending}>
                {t("oncall.escalation.save")}
              </Button>
            </>
          ) : null}
        </form>
      </Section>
      <Section title={t("oncall.escalation.recent")} id="oncall-escalations">
        {ack.isError ? <Notice tone="error">{errorMessage(t, ack.error)}</Notice> : null}
        <Table<EscalationRow>
          caption={t("oncall.escalation.recent")}
          rows={escalations.data?.items ?? []}
          rowKey={(e) => e.id}
          empty={t("oncall.escalation.none")}
          columns={[
            {
              key: "started",
              header: t("oncall.escalation.started"),
              cell: (e) => formatDateTime(e.startedAt, i18n.language),
            },
            {
              key: "subject",
              header: t("oncall.escalation.subject"),
              cell: (e) => (
                <>
                  <strong>{e.subject}</strong> {e.title}
                </>
              ),
            },
            {
              key: "deliveries",
              header: t("oncall.escalation.deliveries"),
              cell: (e) =>
                e.deliveries
                  .map(
                    (d) =>
                      `${d.step + 1}/${d.loop + 1} ${t(`oncall.channels.${d.channel}`)} ${d.userName}: ${t(`oncall.deliveryStates.${d.status}`)}`,
                  )
                  .join("; ") || "—",
            },
            {
              key: "state",
              header: t("oncall.escalation.state"),
              cell: (e) =>
                e.acknowledged ? (
                  t("oncall.escalation.acknowledgedBy", {
                    name: e.acknowledged.by?.name ?? "—",
                    how: t(`oncall.methods.${e.acknowledged.method}`),
                  })
                ) : isDuty(me) ? (
                  <Button onClick={() => ack.mutate(e.id)}>{t("oncall.escalation.acknowledge")}</Button>
                ) : (
                  t("oncall.escalation.open")
                ),
            },
          ]}
        />
      </Section>
    </>
  );
}
