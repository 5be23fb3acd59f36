import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type EscalationPolicy, OncallTrigger } from "../../../../contract/oncall.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { isAdmin, oncallKeys, usePolicies } from "./api.js";
import { parseSteps, stepsToText } from "./policy-steps.js";

interface Draft {
  id: string;
  trigger: OncallTrigger;
  sectors: string;
  steps: string;
  loops: string;
}
const EMPTY: Draft = { id: "", trigger: "report-overdue", sectors: "", steps: "0 primary email", loops: "1" };
const draftOf = (p: EscalationPolicy): Draft => ({
  id: p.id,
  trigger: p.trigger,
  sectors: p.sectors.join(", "),
  steps: stepsToText(p.steps),
  loops: String(p.loops),
});

/** Every trigger's escalation policies, per-sector ones too; admins edit or add one. */
export function Policies({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const policies = usePolicies();
  const admin = isAdmin(me);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [bad, setBad] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (body: object) => api<EscalationPolicy>("PUT", "/oncall/escalation", body),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const submit = () => {
    const parsed = parseSteps(draft.steps);
    if ("badLine" in parsed) return setBad(parsed.badLine);
    setBad(null);
    const sectors = draft.sectors
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    save.mutate({
      id: draft.id.trim(),
      trigger: draft.trigger,
      sectors,
      steps: parsed.steps,
      loops: Number(draft.loops),
    });
  };
  return (
    <>
      <PageHeader title={t("oncallOps.policies.title")} />
      <p className="ws-intro">{t("oncallOps.policies.intro")}</p>
      <Section title={t("oncallOps.policies.list")} id="oncall-policies">
        {policies.isError ? <Notice tone="error">{errorMessage(t, policies.error)}</Notice> : null}
        <Table<EscalationPolicy>
          caption={t("oncallOps.policies.list")}
          rows={policies.data?.items ?? []}
          rowKey={(p) => p.id}
          empty="—"
          columns={[
            { key: "id", header: t("oncallOps.policies.id"), cell: (p) => <code>{p.id}</code> },
            {
              key: "trigger",
              header: t("oncallOps.policies.trigger"),
              cell: (p) => t(`oncallOps.triggers.${p.trigger}`),
            },
            {
              key: "sectors",
              header: t("oncallOps.policies.sectors"),
              cell: (p) => (p.sectors.length ? p.sectors.join(", ") : t("oncallOps.policies.allSectors")),
            },
            {
              key: "steps",
              header: t("oncallOps.policies.steps"),
              cell: (p) => (
                <ol>
                  {p.steps.map((s, i) => (
                    <li key={i}>
                      {s.afterMinutes} min: {t(`oncall.escalation.whom.${s.notify}`)} (
                      {s.channels.map((c) => t(`oncall.channels.${c}`)).join(", ")})
                    </li>
                  ))}
                </ol>
              ),
            },
            { key: "loops", header: t("oncallOps.policies.loops"), cell: (p) => p.loops },
            ...(admin
              ? [
                  {
                    key: "edit",
                    header: t("oncallOps.policies.edit"),
                    cell: (p: EscalationPolicy) => (
                      <Button
                        variant="quiet"
                        aria-label={`${t("oncallOps.policies.edit")} ${p.id}`}
                        onClick={() => setDraft(draftOf(p))}
                      >
                        {t("oncallOps.policies.edit")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Section>
      {admin ? (
        <Section title={t("oncallOps.policies.form")} id="oncall-policy-form">
          {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
          {save.isSuccess ? (
            <Notice tone="success">{t("oncallOps.policies.saved", { id: save.data.id })}</Notice>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <TextField
              label={t("oncallOps.policies.id")}
              hint={t("oncallOps.policies.idHint")}
              value={draft.id}
              pattern="[a-z0-9][a-z0-9\-]{0,59}"
              required
              onChange={(e) => set({ id: e.target.value })}
            />
            <SelectField
              label={t("oncallOps.policies.trigger")}
              value={draft.trigger}
              onChange={(e) => set({ trigger: OncallTrigger.parse(e.target.value) })}
              options={OncallTrigger.options.map((o) => ({ value: o, label: t(`oncallOps.triggers.${o}`) }))}
            />
            <TextField
              label={t("oncallOps.policies.sectors")}
              hint={t("oncallOps.policies.sectorsHint")}
              value={draft.sectors}
              onChange={(e) => set({ sectors: e.target.value })}
            />
            <div className="field">
              <label htmlFor="policy-steps">{t("oncallOps.policies.stepsLabel")}</label>
              <textarea
                id="policy-steps"
                rows={5}
                value={draft.steps}
                aria-describedby="policy-steps-hint"
                aria-invalid={bad !== null}
                onChange={(e) => set({ steps: e.target.value })}
                required
              />
              <p id="policy-steps-hint" className="field-hint">
                {t("oncallOps.policies.stepsHint")}
              </p>
              {bad !== null ? (
                <p role="alert" className="field-error">
                  {t("oncallOps.policies.badSteps", { line: bad })}
                </p>
              ) : null}
            </div>
            <TextField
              label={t("oncallOps.policies.loops")}
              type="number"
              min={1}
              max={10}
              value={draft.loops}
              onChange={(e) => set({ loops: e.target.value })}
            />
            <Button type="submit" variant="primary" busy={save.isPending}>
              {t("oncallOps.policies.save")}
            </Button>
          </form>
        </Section>
      ) : (
        <p>{t("oncallOps.policies.readOnly")}</p>
      )}
    </>
  );
}
