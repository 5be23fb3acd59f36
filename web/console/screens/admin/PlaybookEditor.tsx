import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Playbook } from "../../../../contract/playbooks.js";
import { RsitClassName } from "../../../../contract/playbooks.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { BilingualField } from "./BilingualField.js";
import { PlaybookTasksEditor } from "./PlaybookTasksEditor.js";
import { type PlaybookDraft, draftFrom, emptyDraft, inLanguage, toCreate, toPatch } from "./playbook-draft.js";
import { RsitClassPicker } from "./RsitClassPicker.js";
import { EditorFooter } from "./AdminList.js";

export const PLAYBOOKS_KEY = ["playbooks"] as const;

interface Props {
  /** The stored playbook being edited; absent for a new one. */
  playbook?: Playbook;
  onDone: (saved: Playbook | null) => void;
}

/** Creates or edits a playbook: names, descriptions, tasks and checklists in Swedish and English. */
export function PlaybookEditor({ playbook, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [base, setBase] = useState<Playbook | undefined>(playbook);
  const [draft, setDraft] = useState<PlaybookDraft>(() => (playbook ? draftFrom(playbook) : emptyDraft()));
  const save = useMutation({
    mutationFn: () =>
      base
        ? api<Playbook>("PATCH", `/playbooks/${base.id}`, toPatch(draft, base.version))
        : api<Playbook>("POST", "/playbooks", toCreate(draft)),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: PLAYBOOKS_KEY });
      onDone(saved);
    },
  });
  // After a version conflict: load what the other person saved and start again from it.
  const reload = useMutation({
    mutationFn: (id: string) => api<Playbook>("GET", `/playbooks/${id}`),
    onSuccess: (latest) => {
      setBase(latest);
      setDraft(draftFrom(latest));
      save.reset();
      void client.invalidateQueries({ queryKey: PLAYBOOKS_KEY });
    },
  });
  const error = save.error;
  const conflict = error instanceof ApiError && error.code === "version_conflict";
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const errorsAt = (path: string) => ({ sv: fieldErrors[`${path}.sv`], en: fieldErrors[`${path}.en`] });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title = base
    ? t("playbooksAdmin.editTitle", { name: inLanguage(base.name, i18n.language) })
    : t("playbooksAdmin.newTitle");

  return (
    <Section title={title} id="playbook-editor">
      <form onSubmit={submit} noValidate className="pb-form">
        {conflict && base ? (
          <Notice tone="warning">
            <p>{t("playbooksAdmin.conflict")}</p>
            <Button onClick={() => reload.mutate(base.id)} busy={reload.isPending}>
              {t("playbooksAdmin.loadLatest")}
            </Button>
          </Notice>
        ) : error ? (
          <Notice tone="error">{errorMessage(t, error)}</Notice>
        ) : null}
        {reload.isError ? <Notice tone="error">{errorMessage(t, reload.error)}</Notice> : null}
        <RsitClassPicker
          value={draft.rsitClass}
          onChange={(value) => {
            const parsed = RsitClassName.safeParse(value);
            setDraft({ ...draft, rsitClass: parsed.success ? parsed.data : "" });
          }}
        />
        <BilingualField
          label={t("playbooksAdmin.name")}
          value={draft.name}
          required
          maxLength={200}
          errors={errorsAt("name")}
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <BilingualField
          label={t("playbooksAdmin.description")}
          value={draft.description}
          rows={3}
          maxLength={4000}
          errors={errorsAt("description")}
          onChange={(description) => setDraft({ ...draft, description })}
        />
        <h3>{t("playbooksAdmin.tasks")}</h3>
        <PlaybookTasksEditor
          tasks={draft.tasks}
          fieldErrors={fieldErrors}
          onChange={(tasks) => setDraft({ ...draft, tasks })}
        />
        <EditorFooter saveLabel={t("playbooksAdmin.save")} busy={save.isPending} onCancel={() => onDone(null)} />
      </form>
    </Section>
  );
}
