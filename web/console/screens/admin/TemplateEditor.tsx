import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ADVICE_PLACEHOLDERS,
  type AdviceTemplate,
  type AdviceTemplateCreate,
} from "../../../../contract/advice-templates.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { placeholderToken, unknownPlaceholders } from "./placeholders.js";
import { EditorFooter } from "./AdminList.js";

export const TEMPLATES_KEY = ["advice-templates"] as const;

interface Props {
  /** The template being edited; absent for a new one (then key and language are chosen too). */
  template?: AdviceTemplate;
  onDone: (saved: AdviceTemplate | null) => void;
}

/** Creates or edits one advice template in one language, with the placeholders it may use listed. */
export function TemplateEditor({ template, onDone }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<AdviceTemplateCreate>(
    template
      ? {
          key: template.key,
          language: template.language,
          name: template.name,
          subject: template.subject,
          body: template.body,
        }
      : { key: "", language: "sv", name: "", subject: "", body: "" },
  );
  const save = useMutation({
    mutationFn: () =>
      template
        ? api<AdviceTemplate>("PATCH", `/advice-templates/${template.id}`, {
            name: form.name,
            subject: form.subject,
            body: form.body,
          })
        : api<AdviceTemplate>("POST", "/advice-templates", form),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: TEMPLATES_KEY });
      onDone(saved);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const unknown = unknownPlaceholders(form.subject, form.body);
  const set = (patch: Partial<AdviceTemplateCreate>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const title = template
    ? t("templatesAdmin.editTitle", { key: template.key, language: t(`templatesAdmin.languages.${template.language}`) })
    : t("templatesAdmin.newTitle");

  return (
    <Section title={title} id="template-editor">
      <form onSubmit={submit} noValidate className="tpl-form">
        {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
        {template ? null : (
          <div className="form-cols">
            <TextField
              label={t("templatesAdmin.key")}
              hint={t("templatesAdmin.keyHint")}
              value={form.key}
              required
              maxLength={100}
              error={fields.key}
              onChange={(e) => set({ key: e.target.value })}
            />
            <SelectField
              label={t("templatesAdmin.language")}
              value={form.language}
              onChange={(e) => set({ language: e.target.value === "en" ? "en" : "sv" })}
              options={[
                { value: "sv", label: t("templatesAdmin.languages.sv") },
                { value: "en", label: t("templatesAdmin.languages.en") },
              ]}
            />
          </div>
        )}
        <TextField
          label={t("templatesAdmin.name")}
          value={form.name}
          required
          maxLength={200}
          error={fields.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <TextField
          label={t("templatesAdmin.subject")}
          value={form.subject}
          required
          maxLength={300}
          error={fields.subject}
          lang={form.language}
          onChange={(e) => set({ subject: e.target.value })}
        />
        <div className="tpl-body">
          <TextAreaField
            label={t("templatesAdmin.body")}
            value={form.body}
            rows={16}
            required
            error={fields.body}
            lang={form.language}
            hint={t("templatesAdmin.bodyHint", { names: ADVICE_PLACEHOLDERS.map(placeholderToken).join(" ") })}
            onChange={(e) => set({ body: e.target.value })}
          />
          <aside className="tpl-placeholders" aria-labelledby="tpl-placeholders-title">
            <h3 id="tpl-placeholders-title">{t("templatesAdmin.placeholders")}</h3>
            <p className="field-hint">{t("templatesAdmin.placeholdersHint")}</p>
            <dl>
              {ADVICE_PLACEHOLDERS.map((p) => (
                <div key={p} className="tpl-placeholder">
                  <dt>
                    <code>{placeholderToken(p)}</code>
                  </dt>
                  <dd>{t(`templatesAdmin.placeholder.${p}`)}</dd>
                </div>
              ))}
            </dl>
          </aside>
        </div>
        {unknown.length > 0 ? (
          <Notice tone="warning">
            {t("templatesAdmin.unknownPlaceholders", { names: unknown.map(placeholderToken).join(", ") })}
          </Notice>
        ) : null}
        <EditorFooter saveLabel={t("templatesAdmin.save")} busy={save.isPending} onCancel={() => onDone(null)} />
      </form>
    </Section>
  );
}
