import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail, IncidentPatch } from "../../../../contract/incidents.js";
import { Button } from "../../../lib/ui/Button.js";
import { type Handling, HandlingFields } from "./HandlingFields.js";

interface Props {
  incident: IncidentDetail;
  busy: boolean;
  onSave: (change: Omit<IncidentPatch, "version">) => void;
  onCancel: () => void;
}

/** Severity, RSIT classification, TLP and PAP edited together and saved in one versioned change. */
export function ClassificationForm({ incident, busy, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [handling, setHandling] = useState<Handling>({
    severity: incident.severity,
    classification: incident.classification,
    tlp: incident.tlp,
    pap: incident.pap,
  });
  const { severity, classification, tlp, pap } = handling;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change: Omit<IncidentPatch, "version"> = {};
    if (severity !== incident.severity) change.severity = severity;
    if (JSON.stringify(classification) !== JSON.stringify(incident.classification))
      change.classification = classification;
    if (tlp !== incident.tlp) change.tlp = tlp;
    if (pap !== incident.pap) change.pap = pap;
    if (Object.keys(change).length === 0) onCancel();
    else onSave(change);
  };
  return (
    <form className="classification-form" onSubmit={submit}>
      <div className="form-cols">
        <HandlingFields idPrefix="edit" value={handling} onChange={setHandling} />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t("common.save")}
        </Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
