import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail, IncidentPatch } from "../../../../contract/incidents.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { DueBadge, SeverityBadge } from "./badges.js";
import { ClassificationForm } from "./ClassificationForm.js";
import { useCaseWorkers } from "./people.js";
import { useClassificationLabel } from "./RsitPicker.js";

type Change = Omit<IncidentPatch, "version">;
const KPI_KEYS = ["reportedAt", "acknowledgedAt", "firstResponseAt", "containedAt", "resolvedAt"] as const;

interface Props {
  incident: IncidentDetail;
  me: Me;
  busy: boolean;
  onChange: (change: Change) => void;
}

/** Severity and classification, assignee, the SLA clock, KPI times, police reports and the NIS2 clock. */
export function FactsPanel({ incident: i, me, busy, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const classification = useClassificationLabel();
  const workers = useCaseWorkers();
  const at = (iso: string | null) => formatDateTime(iso, i18n.language);
  const nis2Next = i.nis2?.next ?? null;
  return (
    <section className="panel incident-facts" aria-labelledby="facts-title">
      <h2 id="facts-title">{t("incidents.facts")}</h2>
      {editing ? (
        <ClassificationForm
          incident={i}
          busy={busy}
          onCancel={() => setEditing(false)}
          onSave={(change) => {
            onChange(change);
            setEditing(false);
          }}
        />
      ) : (
        <dl className="facts">
          <dt>{t("incidents.fields.severity")}</dt>
          <dd>
            <SeverityBadge severity={i.severity} />
          </dd>
          <dt>{t("incidents.fields.classification")}</dt>
          <dd>
            {classification(i.classification)}
            {i.taxonomyVersion ? <span className="muted"> (RSIT {i.taxonomyVersion})</span> : null}
            {i.canEdit ? (
              <Button variant="quiet" onClick={() => setEditing(true)}>
                {t("incidents.editClassification")}
              </Button>
            ) : null}
          </dd>
          <dt>{t("incidents.fields.assignee")}</dt>
          <dd className="assignee">
            <span>{i.assignee?.name ?? t("incidents.unassigned")}</span>
            {i.canEdit && i.assignee?.id !== me.id ? (
              <Button variant="quiet" busy={busy} aria-keyshortcuts="a" onClick={() => onChange({ assigneeId: me.id })}>
                {t("incidents.assignMe")}
              </Button>
            ) : null}
            {i.canEdit && i.assignee ? (
              <Button variant="quiet" busy={busy} onClick={() => onChange({ assigneeId: null })}>
                {t("incidents.unassign")}
              </Button>
            ) : null}
            {i.canEdit && workers.data ? (
              <SelectField
                label={t("incidents.assignTo")}
                value={i.assignee?.id ?? ""}
                onChange={(e) => onChange({ assigneeId: e.target.value || null })}
                options={[
                  { value: "", label: t("incidents.unassigned") },
                  ...workers.data.map((u) => ({ value: u.id, label: u.name })),
                ]}
              />
            ) : null}
          </dd>
          <dt>{t("incidents.fields.due")}</dt>
          <dd>
            {at(i.dueAt)} <DueBadge overdue={i.overdue} pausedAt={i.pausedAt} />
            {i.pausedAt ? (
              <span className="muted">{t("incidents.clock.pausedSince", { at: at(i.pausedAt) })}</span>
            ) : null}
          </dd>
          {i.sectors.length ? (
            <>
              <dt>{t("incidents.fields.sectors")}</dt>
              <dd>{i.sectors.map((s) => t(`sectors.${s}`)).join(", ")}</dd>
            </>
          ) : null}
          {i.affectedOrganisations.length ? (
            <>
              <dt>{t("incidents.fields.affected")}</dt>
              <dd>{i.affectedOrganisations.join(", ")}</dd>
            </>
          ) : null}
          <dt>{t("incidents.fields.police")}</dt>
          <dd>
            {i.policeReports.length === 0
              ? "—"
              : i.policeReports.map((p) => (
                  <span key={p.report} className="police">
                    {t(`intake.police.${p.status}`)}
                    {p.reference ? ` · ${p.reference}` : ""} <span className="muted">({p.report})</span>
                  </span>
                ))}
          </dd>
          {i.nis2 ? (
            <>
              <dt>{t("incidents.fields.nis2")}</dt>
              <dd className={nis2Next?.overdue ? "overdue-flag" : undefined}>
                {nis2Next
                  ? t("incidents.nis2Next", { what: t(`nis2.deadlines.${nis2Next.kind}`), at: at(nis2Next.dueAt) })
                  : t("incidents.nis2Done")}
                <span className="muted">({i.nis2.report})</span>
              </dd>
            </>
          ) : null}
        </dl>
      )}
      <h3>{t("incidents.kpis.title")}</h3>
      <dl className="facts kpis">
        {KPI_KEYS.map((k) => (
          <div key={k} className="facts-row">
            <dt>{t(`incidents.kpis.${k}`)}</dt>
            <dd>
              {at(i.kpis[k])}
              {k === "containedAt" && i.canEdit ? (
                <Button
                  variant="quiet"
                  busy={busy}
                  onClick={() => onChange({ containedAt: i.kpis.containedAt ? null : new Date().toISOString() })}
                >
                  {i.kpis.containedAt ? t("incidents.kpis.clearContained") : t("incidents.kpis.markContained")}
                </Button>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
