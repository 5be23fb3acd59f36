import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdvisoryKind } from "../../../../contract/advisories.js";
import { TlpLabel } from "../../../../contract/intake.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { ADVISORIES_PATH, advisoryHref, fetchTemplate, useCreateAdvisory } from "./api.js";

type Kind = (typeof AdvisoryKind.options)[number];

/** A new advisory: its kind, TLP and Swedish text (the original; English is translated on its page). */
export function NewAdvisory() {
  const { t } = useTranslation();
  const create = useCreateAdvisory();
  const [kind, setKind] = useState<Kind>("advisory");
  const [tlp, setTlp] = useState<TlpLabel>("TLP:CLEAR");
  const [text, setText] = useState({ title: "", summary: "", body: "", measures: "" });
  const [templateError, setTemplateError] = useState<unknown>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const set = (k: keyof typeof text) => (e: { target: { value: string } }) => setText({ ...text, [k]: e.target.value });

  async function fromTemplate() {
    try {
      const tpl = await fetchTemplate(kind, "sv");
      setText({ title: tpl.title, summary: tpl.summary, body: tpl.body, measures: tpl.measures });
      setTemplateError(null);
    } catch (err) {
      setTemplateError(err);
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { language: "sv", kind, tlp, ...text },
      { onSuccess: (created) => navigate(advisoryHref(created.id), { replace: true }) },
    );
  }
  return (
    <>
      <p className="crumb">
        <Link to={ADVISORIES_PATH}>{t("advisories.back")}</Link>
      </p>
      <PageHeader title={t("advisories.newTitle")} />
      <p className="ws-intro">{t("advisories.newIntro")}</p>
      <Section title={t("advisories.swedishOriginal")} id="new-advisory">
        <form onSubmit={submit} className="adv-form">
          <SelectField
            label={t("advisories.kind")}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            options={AdvisoryKind.options.map((k) => ({ value: k, label: t(`advisories.kinds.${k}`) }))}
          />
          <SelectField
            label={t("advisories.tlp")}
            value={tlp}
            onChange={(e) => setTlp(e.target.value as TlpLabel)}
            options={TlpLabel.options.map((l) => ({ value: l, label: l }))}
          />
          <Button onClick={() => void fromTemplate()}>{t("advisories.useTemplate")}</Button>
          {templateError ? <Notice tone="error">{errorMessage(t, templateError)}</Notice> : null}
          <TextField
            label={t("advisories.fields.title")}
            value={text.title}
            onChange={set("title")}
            lang="sv"
            error={fieldErrors.title}
            required
          />
          <TextAreaField
            label={t("advisories.fields.summary")}
            value={text.summary}
            onChange={set("summary")}
            lang="sv"
            error={fieldErrors.summary}
            rows={3}
            required
          />
          <TextAreaField
            label={t("advisories.fields.body")}
            hint={t("advisories.markdownHint")}
            value={text.body}
            onChange={set("body")}
            lang="sv"
            error={fieldErrors.body}
            rows={10}
          />
          <TextAreaField
            label={t("advisories.fields.measures")}
            value={text.measures}
            onChange={set("measures")}
            lang="sv"
            error={fieldErrors.measures}
            rows={4}
          />
          {create.error ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("advisories.create")}
          </Button>
        </form>
      </Section>
    </>
  );
}
