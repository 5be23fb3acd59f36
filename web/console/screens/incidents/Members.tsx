import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { incidentPath, useRefreshIncident } from "./api.js";
import { useCaseStaff } from "./people.js";

/** Who besides the assignee may see the incident; what matters for TLP:RED, where nobody else can. */
export function Members({ incident }: { incident: IncidentDetail; me: Me }) {
  const { t } = useTranslation();
  const refresh = useRefreshIncident(incident.reference);
  const workers = useCaseStaff();
  const [userId, setUserId] = useState("");
  const add = useMutation({
    mutationFn: (id: string) => api("POST", `${incidentPath(incident.reference)}/members`, { userId: id }),
    onSuccess: () => {
      setUserId("");
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", `${incidentPath(incident.reference)}/members/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
  const candidates = (workers.data ?? []).filter(
    (u) => u.id !== incident.assignee?.id && !incident.members.some((m) => m.id === u.id),
  );
  const failed = add.error ?? remove.error;
  return (
    <Section title={t("incidents.members.title")} id="members">
      <p className="muted">
        {incident.tlp === "TLP:RED" ? t("incidents.members.redHint") : t("incidents.members.hint")}
      </p>
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {incident.members.length === 0 ? <p className="muted">{t("incidents.members.none")}</p> : null}
      <ul className="plain-list">
        {incident.members.map((m) => (
          <li key={m.id} className="member">
            <span>
              {m.name} <span className="muted">{m.email}</span>
            </span>
            {incident.canEdit ? (
              <Button
                variant="quiet"
                onClick={() => remove.mutate(m.id)}
                aria-label={t("incidents.members.removeOne", { name: m.name })}
              >
                {t("incidents.members.remove")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {incident.canEdit && workers.data ? (
        <form
          className="inline-form compact-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (userId) add.mutate(userId);
          }}
        >
          <SelectField
            label={t("incidents.members.add")}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            options={[{ value: "", label: "—" }, ...candidates.map((u) => ({ value: u.id, label: u.name }))]}
          />
          <Button type="submit" busy={add.isPending} disabled={!userId}>
            {t("incidents.members.addButton")}
          </Button>
        </form>
      ) : null}
      {incident.canEdit && workers.isError ? <p className="muted">{t("incidents.members.peopleUnavailable")}</p> : null}
    </Section>
  );
}
