import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentsPage } from "../../../../contract/incident-list.js";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import "../../incidents.css";
import { StatusBadge } from "../incidents/badges.js";
import { IncidentForm } from "../incidents/IncidentForm.js";

interface Props {
  report: ReportDetail;
  meId: string;
  mayHandle: boolean;
}

/** A report's incidents, and (for those who work cases) "Create incident" and "Link to incident". */
export function ReportIncidents({ report, meId, mayHandle }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"none" | "create" | "link">("none");
  const linked = report.incidents;
  const rejected = report.status === "rejected";
  return (
    <Section title={t("reports.incidents.title")} id="report-incidents">
      {linked.length === 0 ? <p className="muted">{t("reports.incidents.none")}</p> : null}
      <ul className="plain-list">
        {linked.map((i) => (
          <li key={i.reference}>
            <Link to={`/console/incidents/${encodeURIComponent(i.reference)}`} className="mono">
              {i.reference}
            </Link>{" "}
            {i.title} <StatusBadge status={i.status} />
          </li>
        ))}
      </ul>
      {mayHandle && !rejected ? (
        <div className="page-actions">
          <Button
            variant={mode === "create" ? "primary" : "secondary"}
            aria-expanded={mode === "create"}
            onClick={() => setMode(mode === "create" ? "none" : "create")}
          >
            {t("reports.incidents.create")}
          </Button>
          <Button aria-expanded={mode === "link"} onClick={() => setMode(mode === "link" ? "none" : "link")}>
            {t("reports.incidents.link")}
          </Button>
        </div>
      ) : null}
      {mode === "create" ? (
        <div className="incident-from-report">
          <IncidentForm
            reports={[report.reference]}
            initialTitle={report.answers.summary ?? report.answers.whatHappened.slice(0, 120)}
            initialTlp={report.answers.tlp}
            meId={meId}
            onCreated={(i) => navigate(`/console/incidents/${encodeURIComponent(i.reference)}`)}
            onCancel={() => setMode("none")}
          />
        </div>
      ) : null}
      {mode === "link" ? <LinkToIncident report={report.reference} onDone={() => setMode("none")} /> : null}
    </Section>
  );
}

/** Finds an incident by reference or words in its title and links the report to it. */
function LinkToIncident({ report, onDone }: { report: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [words, setWords] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(words.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [words]);
  const found = useQuery({
    queryKey: ["incidents", "pick", q],
    queryFn: () => api<IncidentsPage>("GET", `/incidents${query({ view: "all", q, limit: 10, sort: "updated" })}`),
  });
  const link = useMutation({
    mutationFn: (incident: string) =>
      api("POST", `/incidents/${encodeURIComponent(incident)}/reports`, { reference: report }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["report", report] });
      void client.invalidateQueries({ queryKey: ["incidents"] });
      void client.invalidateQueries({ queryKey: ["reports"] });
      onDone();
    },
  });
  return (
    <form className="link-incident" role="search" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <TextField
        id="link-incident-q"
        type="search"
        label={t("reports.incidents.find")}
        hint={t("reports.incidents.findHint")}
        value={words}
        autoFocus
        onChange={(e) => setWords(e.target.value)}
      />
      {link.error ? <Notice tone="error">{errorMessage(t, link.error)}</Notice> : null}
      {found.error ? <Notice tone="error">{errorMessage(t, found.error)}</Notice> : null}
      <ul className="plain-list pick-list" aria-live="polite">
        {(found.data?.items ?? []).map((i) => (
          <li key={i.reference}>
            <span className="mono">{i.reference}</span> {i.title} <StatusBadge status={i.status} />{" "}
            <Button
              variant="quiet"
              busy={link.isPending && link.variables === i.reference}
              onClick={() => link.mutate(i.reference)}
              aria-label={t("reports.incidents.linkTo", { reference: i.reference })}
            >
              {t("reports.incidents.pick")}
            </Button>
          </li>
        ))}
        {found.isSuccess && found.data.items.length === 0 ? (
          <li className="muted">{t("reports.incidents.noMatch")}</li>
        ) : null}
      </ul>
    </form>
  );
}
