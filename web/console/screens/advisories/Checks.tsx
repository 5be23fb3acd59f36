import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Advisory } from "../../../../contract/advisories.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { useCsafCheck, usePreview } from "./api.js";

/**
 * What would go out if published now: the public page (the server's own renderer, shown in a sandboxed
 * frame that runs nothing) and each language's CSAF document with the validator's verdict in words.
 */
export function Checks({ advisory: a }: { advisory: Advisory }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<"sv" | "en" | null>(null);
  const [checking, setChecking] = useState(false);
  const preview = usePreview(a.id, lang ?? "sv", a.version, lang !== null);
  const csaf = useCsafCheck(a.id, a.version, checking);
  return (
    <Section title={t("advisories.checks")} id="advisory-checks">
      <div className="adv-actions">
        {(["sv", "en"] as const).map((l) => (
          <Button key={l} aria-pressed={lang === l} onClick={() => setLang(lang === l ? null : l)}>
            {t(`advisories.preview.${l}`)}
          </Button>
        ))}
        <Button aria-pressed={checking} onClick={() => setChecking(!checking)}>
          {t("advisories.checkCsaf")}
        </Button>
      </div>
      {lang && preview.isError ? <Notice tone="error">{errorMessage(t, preview.error)}</Notice> : null}
      {lang && preview.data ? (
        <>
          {preview.data.language !== lang ? <Notice tone="warning">{t("advisories.previewOnlySwedish")}</Notice> : null}
          <iframe
            className="adv-preview"
            title={t(`advisories.preview.${lang}`)}
            sandbox=""
            srcDoc={preview.data.html}
          />
        </>
      ) : null}
      {checking && csaf.isPending ? <p role="status">{t("advisories.validating")}</p> : null}
      {checking && csaf.isError ? <Notice tone="error">{errorMessage(t, csaf.error)}</Notice> : null}
      {checking && csaf.data ? (
        csaf.data.documents.length === 0 ? (
          <Notice tone="warning">{t("errors.advisory_swedish_missing")}</Notice>
        ) : (
          csaf.data.documents.map((d) => (
            <div key={d.language} className="adv-csaf">
              <h3>
                {t("advisories.csafFor", { language: t(`advisories.languages.${d.language}`) })}{" "}
                {d.valid ? (
                  <Badge tone="good">{t("advisories.csafValid")}</Badge>
                ) : (
                  <Badge tone="bad">{t("advisories.csafInvalid", { count: d.failures.length })}</Badge>
                )}
              </h3>
              {d.failures.length > 0 ? (
                <ul className="plain-list">
                  {d.failures.map((f, i) => (
                    <li key={`${f.test}-${f.path}-${i}`}>
                      <strong>{f.test}</strong> {f.about} <span className="mono">{f.path}</span>: {f.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              <details>
                <summary>{t("advisories.csafJson")}</summary>
                <pre className="adv-json">{JSON.stringify(d.document, null, 2)}</pre>
              </details>
            </div>
          ))
        )
      ) : null}
      {a.translationLags && a.texts.en ? <p className="muted">{t("advisories.lagNotPublished")}</p> : null}
    </Section>
  );
}
