import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Advisory, type AdvisoryText, Exploitation } from "../../../../contract/advisories.js";
import { TlpLabel } from "../../../../contract/intake.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { useAdvisoryChange } from "./api.js";
import { CveFacts } from "./CveFacts.js";
import { formatProducts, parseList, parseProducts } from "./parts.js";

type Lang = "sv" | "en";
interface TextDraft {
  title: string;
  summary: string;
  body: string;
  measures: string;
}
const draftOf = (t: AdvisoryText | null): TextDraft => ({
  title: t?.title ?? "",
  summary: t?.summary ?? "",
  body: t?.body ?? "",
  measures: t?.measures ?? "",
});

/**
 * The editor: the facts both languages share, then Swedish (the original) and English (its translation)
 * side by side, the English column saying when it translates an older Swedish text. Saving a language
 * saves the shared facts with it; a published advisory is read-only until a revision is opened.
 */
export function Editor({ advisory: a }: { advisory: Advisory }) {
  const { t } = useTranslation();
  const change = useAdvisoryChange(a.id);
  const readOnly = a.status === "published";
  const [shared, setShared] = useState({
    tlp: a.tlp,
    exploitation: a.exploitation,
    cves: a.cves.join(", "),
    products: formatProducts(a.products),
    references: a.references.join("\n"),
  });
  const [texts, setTexts] = useState<Record<Lang, TextDraft>>({ sv: draftOf(a.texts.sv), en: draftOf(a.texts.en) });
  const [savedLang, setSavedLang] = useState<Lang | null>(null);
  const error = change.save.error;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const savingLang = change.save.isPending ? change.save.variables?.lang : undefined;

  function save(lang: Lang) {
    return (e: FormEvent) => {
      e.preventDefault();
      setSavedLang(null);
      const items = a.texts[lang]?.items ?? [];
      change.save.mutate(
        {
          lang,
          body: {
            ...texts[lang],
            items,
            tlp: shared.tlp,
            exploitation: shared.exploitation,
            cves: parseList(shared.cves),
            products: parseProducts(shared.products),
            references: parseList(shared.references),
          },
        },
        { onSuccess: () => setSavedLang(lang) },
      );
    };
  }
  const setText = (lang: Lang, k: keyof TextDraft) => (e: { target: { value: string } }) =>
    setTexts({ ...texts, [lang]: { ...texts[lang], [k]: e.target.value } });
  const setField = (k: keyof typeof shared) => (e: { target: { value: string } }) =>
    setShared({ ...shared, [k]: e.target.value });

  return (
    <Section title={t("advisories.editor")} id="advisory-editor">
      {readOnly ? <Notice tone="info">{t("advisories.readOnly")}</Notice> : null}
      {error ? <Notice tone="error">{errorMessage(t, error)}</Notice> : null}
      {savedLang ? (
        <Notice tone="success">{t("advisories.saved", { language: t(`advisories.languages.${savedLang}`) })}</Notice>
      ) : null}
      <fieldset className="fieldset adv-shared" disabled={readOnly}>
        <legend>{t("advisories.shared")}</legend>
        <SelectField
          label={t("advisories.tlp")}
          value={shared.tlp}
          onChange={setField("tlp")}
          options={TlpLabel.options.map((l) => ({ value: l, label: l }))}
        />
        <SelectField
          label={t("advisories.fields.exploitation")}
          value={shared.exploitation}
          onChange={setField("exploitation")}
          options={Exploitation.options.map((x) => ({ value: x, label: t(`advisories.exploitation.${x}`) }))}
        />
        <TextField
          label={t("advisories.fields.cves")}
          hint={t("advisories.cvesHint")}
          value={shared.cves}
          onChange={setField("cves")}
          error={firstError(fieldErrors, "cves")}
        />
        <CveFacts cves={a.cves} />
        <TextAreaField
          label={t("advisories.fields.products")}
          hint={t("advisories.productsHint")}
          value={shared.products}
          onChange={setField("products")}
          error={firstError(fieldErrors, "products")}
          rows={3}
        />
        <TextAreaField
          label={t("advisories.fields.references")}
          hint={t("advisories.referencesHint")}
          value={shared.references}
          onChange={setField("references")}
          error={firstError(fieldErrors, "references")}
          rows={3}
        />
      </fieldset>
      <div className="adv-columns">
        {(["sv", "en"] as const).map((lang) => (
          <form key={lang} onSubmit={save(lang)} className="adv-column" aria-labelledby={`adv-col-${lang}`}>
            <h3 id={`adv-col-${lang}`}>{t(`advisories.languages.${lang}`)}</h3>
            <TextMeta
              text={a.texts[lang]}
              lang={lang}
              lags={a.translationLags}
              svVersion={a.texts.sv?.textVersion ?? 0}
            />
            <fieldset className="fieldset-plain" disabled={readOnly}>
              <TextField
                label={t("advisories.fields.title")}
                value={texts[lang].title}
                onChange={setText(lang, "title")}
                lang={lang}
                error={fieldErrors.title}
                required
              />
              <TextAreaField
                label={t("advisories.fields.summary")}
                value={texts[lang].summary}
                onChange={setText(lang, "summary")}
                lang={lang}
                error={fieldErrors.summary}
                rows={3}
                required
              />
              <TextAreaField
                label={t("advisories.fields.body")}
                hint={t("advisories.markdownHint")}
                value={texts[lang].body}
                onChange={setText(lang, "body")}
                lang={lang}
                error={fieldErrors.body}
                rows={10}
              />
              <TextAreaField
                label={t("advisories.fields.measures")}
                value={texts[lang].measures}
                onChange={setText(lang, "measures")}
                lang={lang}
                error={fieldErrors.measures}
                rows={4}
              />
              <Button type="submit" variant="primary" busy={savingLang === lang}>
                {t(`advisories.save.${lang}`)}
              </Button>
            </fieldset>
          </form>
        ))}
      </div>
    </Section>
  );
}

/** A field list's first problem ("cves.1" → shown under the CVE field). */
function firstError(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

function TextMeta(props: { text: AdvisoryText | null; lang: Lang; lags: boolean; svVersion: number }) {
  const { text, lang, lags, svVersion } = props;
  const { t, i18n } = useTranslation();
  return (
    <>
      {text ? (
        <p className="muted">
          {t("advisories.textVersion", {
            version: text.textVersion,
            who: text.updatedBy,
            when: formatDateTime(text.updatedAt, i18n.language),
          })}
        </p>
      ) : (
        <p className="muted">{t(`advisories.noText.${lang}`)}</p>
      )}
      {lang === "en" && lags ? (
        <Notice tone="warning">
          {text
            ? t("advisories.lagging", { source: text.sourceVersion ?? 0, current: svVersion })
            : t("advisories.untranslated")}
        </Notice>
      ) : null}
    </>
  );
}
