import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentCreate, IncidentDetail } from "../../../../contract/incidents.js";
import type { TlpLabel } from "../../../../contract/intake.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { inLanguage, usePlaybooks } from "./playbooks.js";
import { type Handling, HandlingFields } from "./HandlingFields.js";

interface Props {
  /** Reports to link at once (creating from a report). */
  reports?: string[];
  initialTitle?: string;
  initialTlp?: TlpLabel;
  meId: string;
  onCreated: (incident: IncidentDetail) => void;
  onCancel?: () => void;
}

/** The new-incident form: title, severity, RSIT class/type, TLP and PAP, a playbook to apply, assign to me. */
export function IncidentForm({
  reports = [],
  initialTitle = "",
  initialTlp = "TLP:AMBER",
  meId,
  onCreated,
  onCancel,
}: Props) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState(initialTitle);
  const [handling, setHandling] = useState<Handling>({
    severity: "medium",
    classification: null,
    tlp: initialTlp,
    pap: "PAP:AMBER",
  });
  const { classification } = handling;
  const [playbookId, setPlaybookId] = useState("");
  const [assignMe, setAssignMe] = useState(true);
  const [titleError, setTitleError] = useState<string | undefined>();
  const playbooks = usePlaybooks(classification?.class ?? null);
  const offered = (playbooks.data?.items ?? []).filter((p) => !p.archivedAt);

  const create = useMutation({
    mutationFn: (body: IncidentCreate) => api<IncidentDetail>("POST", "/incidents", body),
    onSuccess: onCreated,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === "") {
      setTitleError(t("incidents.form.titleRequired"));
      document.getElementById("incident-title")?.focus();
      return;
    }
    setTitleError(undefined);
    create.mutate({
      title: title.trim(),
      reports,
      ...handling,
      sectors: [],
      affectedOrganisations: [],
      assigneeId: assignMe ? meId : null,
      ...(playbookId ? { playbookId } : {}),
    });
  };
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  return (
    <form onSubmit={submit} className="incident-form" noValidate>
      {create.error ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
      <TextField
        id="incident-title"
        label={t("incidents.fields.title")}
        value={title}
        maxLength={300}
        required
        error={titleError ?? fieldErrors.title}
        onChange={(e) => setTitle(e.target.value)}
        className="field-wide"
      />
      <div className="form-cols">
        <HandlingFields idPrefix="incident" value={handling} onChange={setHandling} />
        <SelectField
          id="incident-playbook"
          label={t("incidents.fields.playbook")}
          value={playbookId}
          onChange={(e) => setPlaybookId(e.target.value)}
          options={[
            { value: "", label: t("incidents.form.noPlaybook") },
            ...offered.map((p) => ({ value: p.id, label: inLanguage(p.name, i18n.language) })),
          ]}
        />
      </div>
      <CheckboxField
        label={t("incidents.form.assignMe")}
        checked={assignMe}
        onChange={(e) => setAssignMe(e.target.checked)}
      />
      {handling.tlp === "TLP:RED" ? <p className="muted">{t("incidents.form.redMember")}</p> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t("incidents.form.create")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("common.cancel")}</Button> : null}
      </div>
    </form>
  );
}
