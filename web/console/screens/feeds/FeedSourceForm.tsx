import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedFetchInput, FeedSource, FeedSourceInput } from "../../../../contract/feeds.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { feedKeys, saveFeedSource } from "./api.js";

type Kind = "" | FeedFetchInput["kind"];

/** The form's text, one string per input (numbers and lists are parsed on submit). */
interface Draft {
  name: string;
  format: FeedSource["format"];
  reportType: string;
  mapping: string;
  expectedEveryHours: string;
  kind: Kind;
  url: string;
  address: string;
  apiUrl: string;
  apiKey: string;
  secret: string;
  types: string;
  everyMinutes: string;
}

const draftOf = (s: FeedSource | null): Draft => ({
  name: s?.name ?? "",
  format: s?.format ?? "shadowserver",
  reportType: s?.reportType ?? "",
  mapping: s?.mapping ?? "",
  expectedEveryHours: s?.expectedEveryHours?.toString() ?? "",
  kind: s?.fetch?.kind ?? "",
  url: s?.fetch?.url ?? "",
  address: s?.fetch?.address ?? "",
  apiUrl: s?.fetch?.apiUrl ?? "https://transform.shadowserver.org/api2/",
  apiKey: s?.fetch?.apiKey ?? "",
  secret: "",
  types: s?.fetch?.types?.join(", ") ?? "",
  everyMinutes: s?.fetch?.everyMinutes?.toString() ?? "60",
});

const numberOr = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The request body the draft makes; an empty secret is left out, so the stored one is kept. */
function inputOf(d: Draft): FeedSourceInput {
  const every = numberOr(d.everyMinutes);
  const secret = d.secret === "" ? {} : d.kind === "imap" ? { password: d.secret } : { secret: d.secret };
  const list = d.types
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  const fetch: FeedFetchInput | null =
    d.kind === "url"
      ? { kind: "url", url: d.url, everyMinutes: every }
      : d.kind === "imap"
        ? { kind: "imap", url: d.url, everyMinutes: every, ...secret }
        : d.kind === "mail"
          ? { kind: "mail", address: d.address }
          : d.kind === "shadowserver-api"
            ? {
                kind: "shadowserver-api",
                apiUrl: d.apiUrl,
                apiKey: d.apiKey,
                days: 2,
                everyMinutes: every,
                ...(list.length > 0 ? { types: list } : {}),
                ...secret,
              }
            : null;
  const mapped = d.format === "csv" || d.format === "json";
  return {
    name: d.name,
    format: d.format,
    reportType: d.format === "shadowserver" && d.reportType.trim() !== "" ? d.reportType.trim() : null,
    ...(mapped ? { mapping: d.mapping } : {}),
    expectedEveryHours: d.expectedEveryHours.trim() === "" ? null : numberOr(d.expectedEveryHours),
    fetch,
  };
}

/** An admin's form for a source: format, mapping, how often it is expected, and how it fetches. */
export function FeedSourceForm({ source, onDone }: { source: FeedSource | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [d, setDraft] = useState<Draft>(() => draftOf(source));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...d, [key]: e.target.value });
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const fe = (path: string) => fieldErrors[path];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await saveFeedSource(source?.id ?? null, inputOf(d));
      await client.invalidateQueries({ queryKey: feedKeys.all });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const scheduled = d.kind === "url" || d.kind === "imap" || d.kind === "shadowserver-api";
  return (
    <form
      className="feeds-form feeds-source-form"
      onSubmit={(e) => void submit(e)}
      aria-label={t("feeds.config.title")}
    >
      <TextField label={t("feeds.config.name")} value={d.name} onChange={set("name")} required error={fe("name")} />
      <SelectField
        label={t("feeds.upload.format")}
        value={d.format}
        onChange={set("format")}
        options={(["shadowserver", "intelmq", "csv", "json"] as const).map((f) => ({
          value: f,
          label: t(`feeds.formats.${f}`),
        }))}
      />
      {d.format === "shadowserver" ? (
        <TextField
          label={t("feeds.upload.reportType")}
          value={d.reportType}
          onChange={set("reportType")}
          hint={t("feeds.config.reportTypeHint")}
          error={fe("reportType")}
        />
      ) : null}
      {d.format === "csv" || d.format === "json" ? (
        <TextField
          label={t("feeds.upload.mapping")}
          value={d.mapping}
          onChange={set("mapping")}
          hint={t("feeds.upload.mappingHint")}
          error={fe("mapping")}
        />
      ) : null}
      <TextField
        label={t("feeds.config.expectedEveryHours")}
        value={d.expectedEveryHours}
        inputMode="numeric"
        onChange={set("expectedEveryHours")}
        error={fe("expectedEveryHours")}
      />
      <SelectField
        label={t("feeds.config.kind")}
        value={d.kind}
        onChange={set("kind")}
        options={(["", "mail", "imap", "url", "shadowserver-api"] as const).map((k) => ({
          value: k,
          label: t(`feeds.fetchKinds.${k || "none"}`),
        }))}
      />
      {d.kind === "mail" ? (
        <TextField
          label={t("feeds.config.address")}
          type="email"
          value={d.address}
          onChange={set("address")}
          hint={t("feeds.config.addressHint")}
          error={fe("fetch.address")}
        />
      ) : null}
      {d.kind === "url" || d.kind === "imap" ? (
        <TextField
          label={t(d.kind === "imap" ? "feeds.config.imapUrl" : "feeds.config.url")}
          value={d.url}
          onChange={set("url")}
          placeholder={d.kind === "imap" ? "imaps://feeds@mail.example.se/Shadowserver" : "https://"}
          error={fe("fetch.url")}
        />
      ) : null}
      {d.kind === "shadowserver-api" ? (
        <>
          <TextField
            label={t("feeds.config.apiUrl")}
            value={d.apiUrl}
            onChange={set("apiUrl")}
            error={fe("fetch.apiUrl")}
          />
          <TextField
            label={t("feeds.config.apiKey")}
            value={d.apiKey}
            onChange={set("apiKey")}
            error={fe("fetch.apiKey")}
          />
          <TextField
            label={t("feeds.config.types")}
            value={d.types}
            onChange={set("types")}
            placeholder="scan_rdp, scan_smb"
            error={fe("fetch.types")}
          />
        </>
      ) : null}
      {d.kind === "imap" || d.kind === "shadowserver-api" ? (
        <TextField
          label={t(d.kind === "imap" ? "feeds.config.password" : "feeds.config.secret")}
          type="password"
          autoComplete="new-password"
          value={d.secret}
          onChange={set("secret")}
          hint={source?.fetch?.hasSecret ? t("feeds.config.secretKept") : undefined}
          error={fe("fetch.password") ?? fe("fetch.secret")}
        />
      ) : null}
      {scheduled ? (
        <TextField
          label={t("feeds.config.everyMinutes")}
          value={d.everyMinutes}
          inputMode="numeric"
          onChange={set("everyMinutes")}
          error={fe("fetch.everyMinutes")}
        />
      ) : null}
      <div className="feeds-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t("feeds.config.save")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t("feeds.config.cancel")}
        </button>
      </div>
      {error ? <Notice tone="error">{errorMessage(t, error)}</Notice> : null}
    </form>
  );
}
