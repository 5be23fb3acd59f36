import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WarningList, WarningListCreate, WarningListUpdate } from "../../../../contract/observables.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { CheckboxField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { observableKeys } from "./api.js";
import { entriesFromText, entryErrors, textFromEntries } from "./entries-text.js";
import { warningListName } from "./labels.js";
import { EditorFooter } from "../admin/AdminList.js";

interface Props {
  /** The stored list being edited; absent for a new one. */
  list?: WarningList;
  onDone: (saved: WarningList | null) => void;
}

interface Draft {
  name: string;
  description: string;
  matchUrlsAndEmails: boolean;
  entries: string;
}

const draftOf = (l: WarningList | undefined): Draft => ({
  name: l?.name ?? "",
  description: l?.description ?? "",
  matchUrlsAndEmails: l?.matchUrlsAndEmails ?? false,
  entries: textFromEntries(l?.entries ?? []),
});

/**
 * Creates or edits a warning list. Fyr's own lists keep their name and description (shown in the
 * reader's language); their entries and switches are the admin's.
 */
export function WarningListEditor({ list, onDone }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [base, setBase] = useState<WarningList | undefined>(list);
  const [draft, setDraft] = useState<Draft>(() => draftOf(list));
  const [sent, setSent] = useState(() => entriesFromText(draft.entries));
  const builtin = base?.builtinKey ?? null;
  const save = useMutation({
    mutationFn: (entries: string[]) => {
      const texts = { name: draft.name.trim(), description: draft.description.trim() };
      const common = { matchUrlsAndEmails: draft.matchUrlsAndEmails, entries };
      if (base) {
        const patch: WarningListUpdate = { version: base.version, ...common, ...(builtin ? {} : texts) };
        return api<WarningList>("PATCH", `/warning-lists/${base.id}`, patch);
      }
      const create: WarningListCreate = { ...texts, ...common, enabled: true };
      return api<WarningList>("POST", "/warning-lists", create);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: observableKeys.warningLists });
      void client.invalidateQueries({ queryKey: observableKeys.all });
      onDone(saved);
    },
  });
  // After a version conflict: load what the other admin saved and start again from it.
  const reload = useMutation({
    mutationFn: async (id: string) => {
      const all = await api<{ items: WarningList[] }>("GET", "/warning-lists");
      return all.items.find((l) => l.id === id) ?? null;
    },
    onSuccess: (latest) => {
      if (latest === null) return onDone(null);
      setBase(latest);
      setDraft(draftOf(latest));
      save.reset();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const conflict = error?.code === "version_conflict";
  const fields = error?.fieldErrors ?? {};
  const badLines = entryErrors(fields, sent);
  const entriesError =
    badLines.length > 0
      ? badLines.map((b) => t("warningLists.badEntry", { line: b.line, entry: b.entry })).join(" ")
      : fields.entries;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = entriesFromText(draft.entries);
    setSent(parsed);
    save.mutate(parsed.entries);
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const title = base ? t("warningLists.editTitle", { name: warningListName(t, base) }) : t("warningLists.newTitle");

  return (
    <Section title={title} id="warning-list-editor">
      <form onSubmit={submit} noValidate className="wl-form">
        {conflict && base ? (
          <Notice tone="warning">
            <p>{t("warningLists.conflict")}</p>
            <Button onClick={() => reload.mutate(base.id)} busy={reload.isPending}>
              {t("warningLists.loadLatest")}
            </Button>
          </Notice>
        ) : save.isError && Object.keys(fields).length === 0 ? (
          <Notice tone="error">{errorMessage(t, save.error)}</Notice>
        ) : null}
        {save.isError && Object.keys(fields).length > 0 ? (
          <Notice tone="error">{t("warningLists.fixFields")}</Notice>
        ) : null}
        {reload.isError ? <Notice tone="error">{errorMessage(t, reload.error)}</Notice> : null}
        {builtin ? (
          <p className="ws-intro">
            {t(`observables.builtin.${builtin}.description`, { defaultValue: base?.description ?? "" })}
          </p>
        ) : (
          <>
            <TextField
              label={t("warningLists.name")}
              value={draft.name}
              required
              maxLength={200}
              error={fields.name}
              onChange={(e) => set({ name: e.target.value })}
            />
            <TextAreaField
              label={t("warningLists.description")}
              value={draft.description}
              rows={2}
              maxLength={2000}
              error={fields.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          </>
        )}
        <CheckboxField
          label={t("warningLists.matchUrlsAndEmails")}
          checked={draft.matchUrlsAndEmails}
          onChange={(e) => set({ matchUrlsAndEmails: e.target.checked })}
        />
        <TextAreaField
          className="wl-entries"
          label={t("warningLists.entries")}
          hint={t("warningLists.entriesHint")}
          value={draft.entries}
          rows={12}
          spellCheck={false}
          error={entriesError}
          onChange={(e) => set({ entries: e.target.value })}
        />
        <EditorFooter saveLabel={t("warningLists.save")} busy={save.isPending} onCancel={() => onDone(null)} />
      </form>
    </Section>
  );
}
