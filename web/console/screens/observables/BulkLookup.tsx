import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BulkLookupResult } from "../../../../contract/observable-lookup.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { ValueText } from "./labels.js";
import { SeenValues } from "./SeenValues.js";
import "../../observables.css";

/** Bulk lookup: paste a blocklist or a mail's headers and see which of its values Fyr has seen, where and when. */
export function BulkLookup() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const lookup = useMutation({
    mutationFn: (body: string) => api<BulkLookupResult>("POST", "/observables/lookup", { text: body }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() !== "") lookup.mutate(text);
  };
  const tooBig = lookup.error instanceof ApiError && lookup.error.status === 413;
  const result = lookup.data;
  return (
    <>
      <PageHeader title={t("observables.bulk.title")}>
        <Link to="/console/observables">{t("observables.bulk.back")}</Link>
      </PageHeader>
      <p className="obs-intro">{t("observables.bulk.intro")}</p>
      <form className="panel" onSubmit={submit}>
        <TextAreaField
          label={t("observables.bulk.text")}
          hint={t("observables.bulk.textHint")}
          error={tooBig ? errorMessage(t, lookup.error) : undefined}
          rows={10}
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={lookup.isPending} disabled={text.trim() === ""}>
            {t("observables.bulk.submit")}
          </Button>
        </div>
      </form>
      {lookup.isError && !tooBig ? <Notice tone="error">{errorMessage(t, lookup.error)}</Notice> : null}
      {result ? <LookupResult result={result} /> : null}
    </>
  );
}

function LookupResult({ result }: { result: BulkLookupResult }) {
  const { t } = useTranslation();
  if (result.extracted === 0) return <Notice tone="info">{t("observables.bulk.noValues")}</Notice>;
  return (
    <>
      <p role="status" className="search-count">
        {t("observables.bulk.summary", {
          extracted: result.extracted,
          seen: result.seen.length,
          unseen: result.unseen.length,
        })}
      </p>
      <Section title={t("observables.bulk.seenTitle")} id="lookup-seen">
        <SeenValues values={result.seen} caption={t("observables.bulk.seenTitle")} />
      </Section>
      {result.unseen.length > 0 ? (
        <details className="panel" id="lookup-unseen">
          <summary>{t("observables.bulk.unseenTitle", { count: result.unseen.length })}</summary>
          <ul className="obs-unseen">
            {result.unseen.map((v) => (
              <li key={`${v.type} ${v.value}`}>
                <ValueText value={v} /> <span className="cell-sub">{t(`observables.types.${v.type}`)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
