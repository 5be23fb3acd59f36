import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { WithheldSummary } from "../../../../contract/exchange.js";
import type { MispImportResult } from "../../../../contract/misp.js";
import { ApiError, toApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { observableKeys } from "../observables/api.js";

// The incident's exports (STIX 2.1 bundle, MISP event) for one audience, with what the sharing
// decision holds back from it, and the import of a MISP event into the incident.

type Audience = "partner" | "public";
type Reason = "tlp-red" | "tlp-amber-strict" | "tlp-above-audience" | "no-consent" | "pap-public";
const REASONS: ReadonlySet<string> = new Set<Reason>([
  "tlp-red",
  "tlp-amber-strict",
  "tlp-above-audience",
  "no-consent",
  "pap-public",
]);

interface Preview {
  values: number;
  withheld: WithheldSummary;
}

const exportUrl = (reference: string, format: "stix" | "misp", audience: Audience) =>
  `/api/v1/incidents/${encodeURIComponent(reference)}/export.${format}.json?audience=${audience}`;

/** What the MISP event for this audience holds (the same decision as the STIX bundle's). */
async function preview(reference: string, audience: Audience): Promise<Preview> {
  const res = await fetch(exportUrl(reference, "misp", audience), { credentials: "same-origin" });
  if (!res.ok) throw await toApiError(res);
  const event = (await res.json()) as { Event: { Attribute: unknown[] } };
  const header = WithheldSummary.safeParse(JSON.parse(res.headers.get("fyr-withheld") ?? "{}"));
  return {
    values: event.Event.Attribute.length,
    withheld: header.success ? header.data : { values: {}, notes: {} },
  };
}

async function importEvent(reference: string, file: File, csrfToken: string | null): Promise<MispImportResult> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(`/api/v1/incidents/${encodeURIComponent(reference)}/import.misp.json`, {
    method: "POST",
    headers,
    credentials: "same-origin",
    body: file, // streamed by the browser as it is read, never held twice
  });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as MispImportResult;
}

export function ExportPanel({
  reference,
  canImport,
  csrfToken,
}: {
  reference: string;
  canImport: boolean;
  csrfToken: string | null;
}) {
  const { t } = useTranslation();
  const [audience, setAudience] = useState<Audience>("partner");
  const check = useMutation({ mutationFn: (a: Audience) => preview(reference, a) });
  const shown = check.data && check.variables === audience ? check.data : null;
  return (
    <Section title={t("exchange.exportMenu")} id="exchange-export">
      <SelectField
        label={t("exchange.audience")}
        value={audience}
        onChange={(e) => setAudience(e.target.value === "public" ? "public" : "partner")}
        options={[
          { value: "partner", label: t("exchange.audiencePartner") },
          { value: "public", label: t("exchange.audiencePublic") },
        ]}
      />
      <p>
        <Button variant="quiet" onClick={() => check.mutate(audience)} disabled={check.isPending}>
          {t("misp.export.check")}
        </Button>
      </p>
      {check.isError && check.variables === audience ? <Notice tone="warning">{refusal(t, check.error)}</Notice> : null}
      {shown ? <Withheld preview={shown} /> : null}
      <p className="exchange-downloads">
        <a href={exportUrl(reference, "stix", audience)} download>
          {t("exchange.exportStix")}
        </a>{" "}
        ·{" "}
        <a href={exportUrl(reference, "misp", audience)} download>
          {t("exchange.exportMisp")}
        </a>
      </p>
      {canImport ? <ImportForm reference={reference} csrfToken={csrfToken} /> : null}
    </Section>
  );
}

/** The refusal in words, with the reason the server named when the whole incident is withheld. */
function refusal(t: TFunction, err: unknown): string {
  const reason =
    err instanceof ApiError && err.code === "share_withheld" ? /: ([a-z-]+)$/.exec(err.message)?.[1] : null;
  const known = reason && REASONS.has(reason) ? ` (${t(`exchange.reasons.${reason}`)})` : "";
  return `${errorMessage(t, err)}${known}`;
}

function Withheld({ preview: p }: { preview: Preview }) {
  const { t } = useTranslation();
  const lines = (["values", "notes"] as const).flatMap((part) =>
    Object.entries(p.withheld[part]).map(([reason, count]) => ({ part, reason: reason as Reason, count })),
  );
  return (
    <div role="status" className="exchange-preview">
      <p>{t("misp.export.goes", { count: p.values })}</p>
      {lines.length === 0 ? (
        <p>{t("misp.export.nothingWithheld")}</p>
      ) : (
        <ul className="plain-list">
          {lines.map((l) => (
            <li key={`${l.part} ${l.reason}`}>
              {t(`misp.export.${l.part}`)}:{" "}
              {t("exchange.withheld", { count: l.count, reason: t(`exchange.reasons.${l.reason}`) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportForm({ reference, csrfToken }: { reference: string; csrfToken: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const send = useMutation({
    mutationFn: (file: File) => importEvent(reference, file, csrfToken),
    onSuccess: () => {
      if (input.current) input.current.value = "";
      void client.invalidateQueries({ queryKey: observableKeys.ofCase({ kind: "incident", reference }) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (file) send.mutate(file);
  };
  const fieldErrors = send.error instanceof ApiError ? Object.keys(send.error.fieldProblems) : [];
  return (
    <form onSubmit={submit} className="exchange-import">
      <div className="field">
        <label htmlFor="misp-import-file">{t("misp.import.file")}</label>
        <input id="misp-import-file" ref={input} type="file" accept=".json,application/json" />
      </div>
      <Button type="submit" disabled={send.isPending}>
        {t("misp.import.submit")}
      </Button>
      {send.isError ? (
        <Notice tone="error">
          {errorMessage(t, send.error)}
          {fieldErrors.length > 0 ? ` (${fieldErrors.slice(0, 5).join(", ")})` : null}
        </Notice>
      ) : null}
      {send.data ? (
        <p role="status">
          {t("misp.import.done", { count: send.data.imported, tlp: send.data.tlp })}
          {send.data.skipped.length > 0 ? ` ${t("misp.import.skipped", { count: send.data.skipped.length })}` : null}
        </p>
      ) : null}
    </form>
  );
}
