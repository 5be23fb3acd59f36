import { type FormEvent, type Ref, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail, IncidentPatch, IncidentStatus } from "../../../../contract/incidents.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { useQuery } from "@tanstack/react-query";
import type { TasksList } from "../../../../contract/tasks.js";
import { api } from "../../../lib/api/client.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { incidentKeys, incidentPath } from "./api.js";
import { StatusBadge } from "./badges.js";
import { requestTemplate } from "./compose-request.js";
import { transitionLabelKey } from "./transitions.js";

interface Props {
  incident: IncidentDetail;
  onChange: (change: Omit<IncidentPatch, "version">) => void;
  busy: boolean;
  /** The group, so `s` can move focus to its first action. */
  groupRef: Ref<HTMLDivElement>;
}

/**
 * The current status and only the legal moves from it; resolving and rejecting ask for a resolution,
 * resolving with open tasks asks to confirm, and once resolved the closing message to the reporter is offered.
 */
export function StatusMenu({ incident, onChange, busy, groupRef }: Props) {
  const { t } = useTranslation();
  const [closing, setClosing] = useState<IncidentStatus | null>(null);
  const [resolution, setResolution] = useState(incident.resolution ?? "");
  const openTasks = useOpenTaskCount(incident.reference);
  // Closing with open tasks is allowed, but asked twice.
  const [tasksConfirmed, setTasksConfirmed] = useState(false);
  const [offerClosing, setOfferClosing] = useState(false);
  const needsTaskConfirmation = closing === "resolved" && openTasks > 0 && !tasksConfirmed;
  // The server names the legal moves (nextStatuses), so the console never keeps its own copy.
  const moves = incident.canEdit ? incident.nextStatuses : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!closing || resolution.trim() === "" || needsTaskConfirmation) return;
    onChange({ status: closing, resolution: resolution.trim() });
    setOfferClosing(closing === "resolved" && incident.reports.length > 0);
    setClosing(null);
    setTasksConfirmed(false);
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
          {needsTaskConfirmation ? (
            <Notice tone="warning">
              {t("closure.openTasks", { count: openTasks })}{" "}
              <Button variant="secondary" onClick={() => setTasksConfirmed(true)}>
                {t("closure.resolveAnyway")}
              </Button>
            </Notice>
          ) : null}
          <div className="form-actions">
            <Button
              type="submit"
              variant="primary"
              disabled={resolution.trim() === "" || needsTaskConfirmation}
              busy={busy}
            >
              {t(closing === "resolved" ? "incidents.resolution.confirmResolve" : "incidents.resolution.confirmReject")}
            </Button>
            <Button onClick={() => setClosing(null)}>{t("common.cancel")}</Button>
          </div>
        </form>
      ) : null}
      {offerClosing && incident.status === "resolved" ? (
        <Notice tone="info">
          {t("closure.offer")}{" "}
          <Button
            variant="primary"
            onClick={() => {
              setOfferClosing(false);
              requestTemplate("closing");
            }}
          >
            {t("closure.writeClosing")}
          </Button>{" "}
          <Button variant="quiet" onClick={() => setOfferClosing(false)}>
            {t("closure.notNow")}
          </Button>
        </Notice>
      ) : null}
    </div>
  );
}

/** How many of the incident's tasks are still open (shares the Tasks panel's query). */
function useOpenTaskCount(reference: string): number {
  const tasks = useQuery({
    queryKey: incidentKeys.part(reference, "tasks"),
    queryFn: () => api<TasksList>("GET", `${incidentPath(reference)}/tasks`),
  });
  return (tasks.data?.items ?? []).filter((x) => x.status === "open").length;
}
