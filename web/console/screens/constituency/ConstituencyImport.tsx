import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../../contract/accounts.js";
import {
  CONSTITUENCY_IMPORT_KINDS,
  type ConstituencyImport as ImportView,
} from "../../../../contract/constituency-imports.js";
import { api, toApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";

// Importing the constituency from RIPE split files or CSV: upload, look at what the import would add,
// change and remove (per kind, a few of each, the errors by file and line), then apply it.

const CHANGES = ["added", "changed", "removed", "kept"] as const;

async function upload(form: FormData, csrfToken: string | null): Promise<ImportView> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch("/api/v1/constituency/imports", {
    method: "POST",
    headers,
    credentials: "same-origin",
    body: form,
  });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ImportView;
}

export function ConstituencyImport({ me }: { me: Me }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<"ripe" | "csv">("ripe");
  const [country, setCountry] = useState("SE");
  const [orgs, setOrgs] = useState("");
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [chosen, setChosen] = useState(0);
  const [result, setResult] = useState<ImportView | null>(null);
  const send = useMutation({
    mutationFn: (form: FormData) => upload(form, me.csrfToken),
    onSuccess: (view) => setResult(view),
  });
  const apply = useMutation({
    mutationFn: (id: string) => api<ImportView>("POST", `/constituency/imports/${id}/apply`),
    onSuccess: (view) => setResult(view),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const files = input.current?.files;
    if (!files || files.length === 0) return;
    const form = new FormData();
    form.append("format", format);
    if (format === "ripe" && country.trim() !== "") form.append("country", country.trim());
    if (orgs.trim() !== "") form.append("orgs", orgs.trim());
    form.append("skipInvalid", skipInvalid ? "true" : "false");
    for (const file of Array.from(files)) form.append("file", file, file.name);
    setResult(null);
    apply.reset();
    send.mutate(form);
  };

  return (
    <>
      <PageHeader title={t("constituencyImport.title")} />
      <Section title={t("constituencyImport.upload")} id="constituency-import-upload">
        <p>{t("constituencyImport.intro")}</p>
        {send.error ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
        <form className="stack" onSubmit={submit}>
          <SelectField
            label={t("constituencyImport.format")}
            value={format}
            onChange={(e) => setFormat(e.target.value === "csv" ? "csv" : "ripe")}
            options={[
              { value: "ripe", label: t("constituencyImport.formats.ripe") },
              { value: "csv", label: t("constituencyImport.formats.csv") },
            ]}
          />
          {format === "ripe" ? (
            <TextField
              label={t("constituencyImport.country")}
              hint={t("constituencyImport.countryHint")}
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
          ) : null}
          <TextField
            label={t("constituencyImport.orgs")}
            hint={t(format === "ripe" ? "constituencyImport.orgsHintRipe" : "constituencyImport.orgsHintCsv")}
            value={orgs}
            onChange={(e) => setOrgs(e.target.value)}
          />
          <CheckboxField
            label={t("constituencyImport.skipInvalid")}
            checked={skipInvalid}
            onChange={(e) => setSkipInvalid(e.target.checked)}
          />
          <div className="field">
            <label htmlFor="constituency-import-file">{t("constituencyImport.files")}</label>
            <input
              id="constituency-import-file"
              ref={input}
              type="file"
              multiple
              onChange={(e) => setChosen(e.target.files?.length ?? 0)}
            />
          </div>
          <Button type="submit" variant="primary" busy={send.isPending} disabled={chosen === 0}>
            {t("constituencyImport.preview")}
          </Button>
        </form>
      </Section>
      {result ? (
        <Preview view={result} applying={apply.isPending} onApply={() => apply.mutate(result.id)} error={apply.error} />
      ) : null}
    </>
  );
}

function Preview({
  view,
  applying,
  onApply,
  error,
}: {
  view: ImportView;
  applying: boolean;
  onApply: () => void;
  error: Error | null;
}) {
  const { t } = useTranslation();
  const blocked = view.errorCount > 0 && !view.skipInvalid;
  return (
    <Section title={t("constituencyImport.diffTitle")} id="constituency-import-preview">
      <p data-testid="constituency-import-status">
        {t(`constituencyImport.status.${view.status}`)} ·{" "}
        {t("constituencyImport.objectsRead", { count: view.objectsRead })}
      </p>
      {error ? <Notice tone="error">{errorMessage(t, error)}</Notice> : null}
      <Table
        caption={t("constituencyImport.diffTitle")}
        rows={[...CONSTITUENCY_IMPORT_KINDS]}
        rowKey={(k) => k}
        empty={t("constituencyImport.nothing")}
        columns={[
          { key: "kind", header: t("constituencyImport.kind"), cell: (k) => t(`constituencyImport.kinds.${k}`) },
          ...CHANGES.map((change) => ({
            key: change,
            header: t(`constituencyImport.changes.${change}`),
            cell: (k: (typeof CONSTITUENCY_IMPORT_KINDS)[number]) => String(view.counts[k]?.[change] ?? 0),
          })),
        ]}
      />
      {CONSTITUENCY_IMPORT_KINDS.map((kind) => {
        const samples = view.samples[kind];
        const shown = (["added", "changed", "removed"] as const).filter((c) => (samples?.[c]?.length ?? 0) > 0);
        if (shown.length === 0) return null;
        return (
          <details key={kind}>
            <summary>{t(`constituencyImport.kinds.${kind}`)}</summary>
            {shown.map((change) => (
              <div key={change}>
                <h4>{t(`constituencyImport.changes.${change}`)}</h4>
                <ul>
                  {samples?.[change]?.map((s) => (
                    <li key={s.key}>
                      {s.what} <span className="muted">({s.organisation})</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </details>
        );
      })}
      {view.errorCount > 0 ? (
        <>
          <Notice tone={blocked ? "error" : "warning"}>
            {t(blocked ? "constituencyImport.errorsBlock" : "constituencyImport.errorsSkipped", {
              count: view.errorCount,
            })}
          </Notice>
          <Table
            caption={t("constituencyImport.errors")}
            rows={view.errors}
            rowKey={(e) => `${e.file}:${e.line}:${e.message}`}
            empty=""
            columns={[
              { key: "file", header: t("constituencyImport.file"), cell: (e) => e.file },
              { key: "line", header: t("constituencyImport.line"), cell: (e) => String(e.line) },
              { key: "message", header: t("constituencyImport.message"), cell: (e) => e.message },
            ]}
          />
        </>
      ) : null}
      {view.status === "preview" && !blocked ? (
        <Button variant="primary" busy={applying} onClick={onApply}>
          {t("constituencyImport.apply")}
        </Button>
      ) : null}
      {view.status === "applied" ? <Notice tone="success">{t("constituencyImport.applied")}</Notice> : null}
    </Section>
  );
}
