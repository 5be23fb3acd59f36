import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { incidentPath, useRefreshIncident } from "./api.js";

/** The reports this incident is built from (each keeps its own history); link another or unlink one. */
export function LinkedReports({ incident, me }: { incident: IncidentDetail; me: Me }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshIncident(incident.reference);
  const [reference, setReference] = useState("");
  const [becameMember, setBecameMember] = useState(false);
  const isMember = (i: IncidentDetail) => i.members.some((m) => m.id === me.id);
  const link = useMutation({
    mutationFn: (report: string) =>
      api<IncidentDetail>("POST", `${incidentPath(incident.reference)}/reports`, { reference: report }),
    onSuccess: (after) => {
      setReference("");
      // The server makes whoever links into a TLP:RED incident a member: say so, once.
      setBecameMember(!isMember(incident) && isMember(after));
      refresh();
    },
  });
  const unlink = useMutation({
    mutationFn: (report: string) =>
      api("DELETE", `${incidentPath(incident.reference)}/reports/${encodeURIComponent(report)}`),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reference.trim()) link.mutate(reference.trim().toUpperCase());
  };
  const failed = link.error ?? unlink.error;
  return (
    <Section title={t("incidents.reports.title")} id="linked-reports">
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {becameMember ? <Notice tone="success">{t("incidents.reports.becameMember")}</Notice> : null}
      {incident.reports.length === 0 ? <p className="empty">{t("incidents.reports.none")}</p> : null}
      <ul className="plain-list linked-reports">
        {incident.reports.map((r) => (
          <li key={r.reference}>
            <div className="linked-report-head">
              <Link to={`/console/reports/${encodeURIComponent(r.reference)}`} className="mono">
                {r.reference}
              </Link>
              <TlpBadge label={r.tlp} />
              {incident.canEdit ? (
                <Button
                  variant="quiet"
                  busy={unlink.isPending && unlink.variables === r.reference}
                  onClick={() => unlink.mutate(r.reference)}
                  aria-label={t("incidents.reports.unlinkOne", { reference: r.reference })}
                >
                  {t("incidents.reports.unlink")}
                </Button>
              ) : null}
            </div>
            <span className="cell-sub">
              {[r.summary, r.organisationName, r.reporterEmail].filter(Boolean).join(" · ")}
            </span>
            <span className="cell-sub">
              {t("incidents.reports.received", { at: formatDateTime(r.receivedAt, i18n.language) })}
            </span>
          </li>
        ))}
      </ul>
      {incident.canEdit ? (
        <form className="inline-form compact-form" onSubmit={submit}>
          {incident.tlp === "TLP:RED" && !isMember(incident) ? (
            <p className="muted">{t("incidents.reports.redMember")}</p>
          ) : null}
          <TextField
            id="link-report"
            label={t("incidents.reports.linkLabel")}
            placeholder="FYR-2026-00042"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
          <Button type="submit" busy={link.isPending} disabled={reference.trim() === ""}>
            {t("incidents.reports.link")}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
