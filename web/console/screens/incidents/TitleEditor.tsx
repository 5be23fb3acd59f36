import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../lib/ui/Button.js";

interface Props {
  title: string;
  editing: boolean;
  busy: boolean;
  onEdit: (editing: boolean) => void;
  onSave: (title: string) => void;
}

/** The incident's title as a form while editing (focused at once; Esc cancels), else an Edit button. */
export function TitleEditor({ title, editing, busy, onEdit, onSave }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) {
      setDraft(title);
      input.current?.focus();
      input.current?.select();
    }
  }, [editing, title]);
  if (!editing) {
    return (
      <Button variant="quiet" aria-keyshortcuts="e" onClick={() => onEdit(true)}>
        {t("incidents.editTitle")}
      </Button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim() && draft.trim() !== title) onSave(draft.trim());
    else onEdit(false);
  };
  return (
    <form className="title-form" onSubmit={submit}>
      <label htmlFor="incident-title-edit" className="visually-hidden">
        {t("incidents.fields.title")}
      </label>
      <input
        id="incident-title-edit"
        ref={input}
        value={draft}
        maxLength={300}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onEdit(false);
        }}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t("common.save")}
      </Button>
      <Button onClick={() => onEdit(false)}>{t("common.cancel")}</Button>
    </form>
  );
}
