import { type FormEvent, type Ref, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail, IncidentPatch, IncidentStatus } from "../../../../contract/incidents.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { StatusBadge } from "./badges.js";
import { transitionLabelKey } from "./transitions.js";

interface Props {
  incident: IncidentDetail;
  onChange: (change: Omit<IncidentPatch, "version">) => void;
  busy: boolean;
  /** The group, so `s` can move focus to its first action. */
  groupRef: Ref<HTMLDivElement>;
}

/** The current status and only the legal moves from it; resolving and rejecting ask for a resolution. */
export function StatusMenu({ incident, onChange, busy, groupRef }: Props) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState<IncidentStatus | null>(null);
  const [resolution, setResolution] = useState(incident.resolution ?? "");
  // The server names the legal moves (nextStatuses), so the console never keeps its own copy.
  const moves = incident.canEdit ? incident.nextStatuses : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!closing || resolution.trim() === "") return;
    onChange({ status: closing, resolution: resolution.trim() });
    setClosing(null);
  };
  return (
    <div className="status-menu" ref={groupRef} role="group" aria-label={t("incidents.fields.status")}>
      <span className="status-now">
        <StatusBadge status={incident.status} />
      </span>
      {moves.map((to) => (
        <Button
          key={to}
          variant={to === "rejected" ? "danger" : "secondary"}
          busy={busy}
          aria-expanded={to === "resolved" || to === "rejected" ? closing === to : undefined}
          onClick={() =>
            to === "resolved" || to === "rejected" ? setClosing(closing === to ? null : to) : onChange({ status: to })
          }
        >
          {t(transitionLabelKey(incident.status, to))}
        </Button>
      ))}
      {closing ? (
        <form className="resolution-form" onSubmit={submit}>
          <TextAreaField
            id="incident-resolution"
            label={t(closing === "resolved" ? "incidents.resolution.resolveLabel" : "incidents.resolution.rejectLabel")}
            hint={t("incidents.resolution.hint")}
            rows={2}
            autoFocus
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={resolution.trim() === ""} busy={busy}>
              {t(closing === "resolved" ? "incidents.resolution.confirmResolve" : "incidents.resolution.confirmReject")}
            </Button>
            <Button onClick={() => setClosing(null)}>{t("common.cancel")}</Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
