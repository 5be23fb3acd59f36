import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import "../../incidents.css";
import { isVersionConflict, useIncident, useIncidentPatch } from "./api.js";
import { AffectedOrganisations } from "./AffectedOrganisations.js";
import { Attachments } from "./Attachments.js";
import { HandlingStrip } from "./ConsentBanner.js";
import { Correspondence } from "./Correspondence.js";
import { FactsPanel } from "./FactsPanel.js";
import { LinkedReports } from "./LinkedReports.js";
import { Members } from "./Members.js";
import { CaseObservables } from "../observables/CaseObservables.js";
import { RelatedPanel } from "../observables/RelatedPanel.js";
import { CaseYaraPanel } from "../yara/CaseYaraPanel.js";
import { ExportPanel } from "../exchange/ExportPanel.js";
import { LegalHoldPanel } from "../retention/LegalHoldPanel.js";
import { ShortcutHelp } from "./ShortcutHelp.js";
import { useShortcuts } from "./shortcuts.js";
import { StatusMenu } from "./StatusMenu.js";
import { Tasks } from "./Tasks.js";
import { NOTE_BOX_ID, Timeline } from "./Timeline.js";
import { TitleEditor } from "./TitleEditor.js";
import { useSeen } from "../unread/useSeen.js";

/** One incident: header, handling (TLP, PAP, consent), facts, tasks, reports, members, timeline, mail, files. */
export function IncidentPage({ reference, me }: { reference: string; me: Me }) {
  const { t } = useTranslation();
  const incident = useIncident(reference);
  if (incident.isPending) return <p role="status">{t("common.loading")}</p>;
  if (!incident.data) {
    return (
      <>
        <PageHeader title={reference} />
        <Notice tone="error">{errorMessage(t, incident.error)}</Notice>
        <Link to="/console/incidents">{t("incidents.back")}</Link>
      </>
    );
  }
  return <Loaded incident={incident.data} me={me} />;
}

function Loaded({ incident: i, me }: { incident: IncidentDetail; me: Me }) {
  const { t, i18n } = useTranslation();
  const [conflict, setConflict] = useState(false);
  const [editingTitle, setEditingTitle] = useState(false);
  const [help, setHelp] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const patch = useIncidentPatch(i, () => setConflict(true));
  const newSince = useSeen("incident", i.reference, i.updatedAt);
  const change = (c: Parameters<typeof patch.mutate>[0]) => {
    setConflict(false);
    patch.mutate(c, { onSuccess: () => setEditingTitle(false) });
  };
  useShortcuts({
    e: () => (i.canEdit ? setEditingTitle(true) : false),
    a: () => (i.canEdit && i.assignee?.id !== me.id ? change({ assigneeId: me.id }) : false),
    c: () => {
      const box = document.getElementById(NOTE_BOX_ID);
      if (!box) return false;
      box.focus();
      box.scrollIntoView({ block: "center" });
    },
    s: () => statusRef.current?.querySelector("button")?.focus(),
    "?": () => setHelp(true),
  });
  const otherError = patch.error && !isVersionConflict(patch.error) ? patch.error : null;
  return (
    <>
      <p className="crumb">
        <Link to="/console/incidents">{t("incidents.back")}</Link>
      </p>
      <PageHeader title={`${i.reference} · ${i.title}`}>
        {i.canEdit ? (
          <TitleEditor
            title={i.title}
            editing={editingTitle}
            busy={patch.isPending}
            onEdit={setEditingTitle}
            onSave={(title) => change({ title })}
          />
        ) : null}
        <Button variant="quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t("incidents.keys.show")}
        </Button>
      </PageHeader>
      {conflict ? (
        <Notice tone="warning">
          {t("incidents.conflict")}{" "}
          <button type="button" className="linkish" onClick={() => setConflict(false)}>
            {t("common.close")}
          </button>
        </Notice>
      ) : null}
      {otherError ? <Notice tone="error">{errorMessage(t, otherError)}</Notice> : null}
      <div className="incident-head">
        <StatusMenu incident={i} onChange={change} busy={patch.isPending} groupRef={statusRef} />
        <span className="muted">
          {t("incidents.createdAt", { at: formatDateTime(i.createdAt, i18n.language) })} ·{" "}
          {t("incidents.updatedAt", { at: formatDateTime(i.updatedAt, i18n.language) })}
        </span>
      </div>
      {i.resolution ? (
        <p className="resolution">
          <strong>{t("incidents.resolution.title")}:</strong> {i.resolution}
        </p>
      ) : null}
      <HandlingStrip incident={i} />
      <div className="incident-columns">
        <div className="incident-main">
          <Timeline reference={i.reference} canWrite={i.canEdit} newSince={newSince} />
          <Correspondence incident={i} />
          <CaseObservables of={{ kind: "incident", reference: i.reference }} canEdit={i.canEdit} />
        </div>
        <div className="incident-aside">
          <FactsPanel incident={i} me={me} busy={patch.isPending} onChange={change} />
          <AffectedOrganisations incident={i} busy={patch.isPending} onChange={change} />
          <Tasks incident={i} />
          <LinkedReports incident={i} me={me} />
          <RelatedPanel of={{ kind: "incident", reference: i.reference }} />
          <Members incident={i} me={me} />
          <Attachments reference={i.reference} canEdit={i.canEdit} csrfToken={me.csrfToken} />
          <CaseYaraPanel of={{ kind: "incident", reference: i.reference }} />
          {i.canEdit ? <ExportPanel reference={i.reference} canImport csrfToken={me.csrfToken} /> : null}
          <LegalHoldPanel reference={i.reference} canEdit={i.canEdit} />
        </div>
      </div>
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        hints={[
          { keys: "e", label: t("incidents.keys.editTitle") },
          { keys: "a", label: t("incidents.keys.assignMe") },
          { keys: "c", label: t("incidents.keys.note") },
          { keys: "s", label: t("incidents.keys.status") },
          { keys: "?", label: t("incidents.keys.help") },
        ]}
      />
    </>
  );
}
