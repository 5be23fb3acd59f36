import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdviceRendered, AdviceTemplateList } from "../../../../contract/advice-templates.js";
import type { MessageInput, MessageReceipt } from "../../../../contract/correspondence.js";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { ConsentList, restrictsThirdParties } from "./ConsentBanner.js";
import { incidentKeys, incidentPath, useRefreshIncident } from "./api.js";
import { useTemplateRequests } from "./compose-request.js";

type Language = "sv" | "en";
const THIRD_PARTY = "";
const addresses = (text: string) => text.split(/[\s,;]+/).filter((a) => a.length > 0);

/** Writes to a linked report's reporter or to third parties, from an advice template or from scratch. */
export function Composer({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const refresh = useRefreshIncident(incident.reference);
  const firstReport = incident.reports[0];
  // "" = third parties; otherwise the linked report whose reporter we write to.
  const [thread, setThread] = useState<string>(firstReport?.reference ?? THIRD_PARTY);
  const report = incident.reports.find((r) => r.reference === thread);
  const [language, setLanguage] = useState<Language>(report?.language ?? (i18n.language === "en" ? "en" : "sv"));
  const [templateKey, setTemplateKey] = useState("");
  const [to, setTo] = useState("");
  const [cc, setCc] = useState("");
  const [subject, setSubject] = useState(`[${incident.reference}] ${incident.title}`);
  const [body, setBody] = useState("");
  const [requireEncryption, setRequireEncryption] = useState(false);
  const [receipt, setReceipt] = useState<MessageReceipt | null>(null);
  const templates = useQuery({
    queryKey: ["advice-templates"],
    queryFn: () => api<AdviceTemplateList>("GET", "/advice-templates"),
    staleTime: 60_000,
  });
  const render = useMutation({
    mutationFn: (key: string) =>
      api<AdviceRendered>("POST", "/advice-templates/render", { key, language, incident: incident.reference }),
    onSuccess: (r) => {
      setSubject(r.subject.includes(`[${incident.reference}]`) ? r.subject : `[${incident.reference}] ${r.subject}`);
      setBody(r.body);
    },
  });
  const send = useMutation({
    mutationFn: (input: MessageInput) =>
      api<MessageReceipt>("POST", `${incidentPath(incident.reference)}/messages`, input),
    onSuccess: (r) => {
      setReceipt(r);
      setBody("");
      setTemplateKey("");
      void client.invalidateQueries({ queryKey: incidentKeys.part(incident.reference, "messages") });
      refresh();
    },
  });
  const { mutate: renderTemplate } = render;
  // Resolving offers the closing message: to the (first) reporter, in their report's language.
  const onTemplateRequest = useCallback(
    (key: string) => {
      if (!firstReport) return;
      setThread(firstReport.reference);
      setLanguage(firstReport.language);
      setTemplateKey(key);
      renderTemplate(key);
    },
    [firstReport, renderTemplate],
  );
  useTemplateRequests(onTemplateRequest);
  const toThirdParty = thread === THIRD_PARTY;
  const ofLanguage = (templates.data?.items ?? []).filter((x) => x.language === language);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReceipt(null);
    send.mutate({
      to: addresses(to),
      cc: addresses(cc),
      subject: subject.trim(),
      body: body.trim(),
      requireEncryption,
      ...(toThirdParty ? {} : { report: thread }),
      ...(templateKey ? { template: { key: templateKey, language } } : {}),
    });
  };
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  return (
    <form className="composer" id="composer" onSubmit={submit} aria-labelledby="composer-title">
      <h3 id="composer-title">{t("incidents.mail.compose")}</h3>
      <div className="form-cols">
        <SelectField
          id="mail-thread"
          label={t("incidents.mail.recipient")}
          value={thread}
          onChange={(e) => {
            setThread(e.target.value);
            const r = incident.reports.find((x) => x.reference === e.target.value);
            if (r) setLanguage(r.language);
          }}
          options={[
            ...incident.reports.map((r) => ({
              value: r.reference,
              label: t("incidents.mail.toReporter", { report: r.reference, email: r.reporterEmail ?? "—" }),
            })),
            { value: THIRD_PARTY, label: t("incidents.mail.toThirdParty") },
          ]}
        />
        <SelectField
          id="mail-language"
          label={t("incidents.mail.language")}
          value={language}
          onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "sv")}
          options={[
            { value: "sv", label: "Svenska" },
            { value: "en", label: "English" },
          ]}
        />
        <div className="template-pick">
          <SelectField
            id="mail-template"
            label={t("incidents.mail.template")}
            value={templateKey}
            onChange={(e) => setTemplateKey(e.target.value)}
            options={[
              { value: "", label: t("incidents.mail.noTemplate") },
              ...ofLanguage.map((x) => ({ value: x.key, label: x.name })),
            ]}
          />
          <Button busy={render.isPending} disabled={!templateKey} onClick={() => render.mutate(templateKey)}>
            {t("incidents.mail.fill")}
          </Button>
        </div>
      </div>
      {render.data?.warnings.length ? (
        <Notice tone="warning">
          {t("incidents.mail.placeholders", {
            names: render.data.warnings.map((w) => `{${w.placeholder}}`).join(", "),
          })}
        </Notice>
      ) : null}
      {toThirdParty && restrictsThirdParties(incident.sharingConsent) ? (
        <div className="consent-warning" role="note">
          <strong>{t("incidents.consent.warning")}</strong>
          <ConsentList consent={incident.sharingConsent} />
        </div>
      ) : null}
      {toThirdParty ? (
        <div className="form-cols">
          <TextField
            id="mail-to"
            label={t("incidents.mail.to")}
            hint={t("incidents.mail.addressesHint")}
            value={to}
            error={fieldErrors.to}
            onChange={(e) => setTo(e.target.value)}
          />
          <TextField
            id="mail-cc"
            label={t("incidents.mail.cc")}
            value={cc}
            error={fieldErrors.cc}
            onChange={(e) => setCc(e.target.value)}
          />
        </div>
      ) : (
        <p className="muted">{t("incidents.mail.reporterHint")}</p>
      )}
      <TextField
        id="mail-subject"
        label={t("incidents.mail.subject")}
        value={subject}
        maxLength={300}
        error={fieldErrors.subject}
        onChange={(e) => setSubject(e.target.value)}
        className="field-wide"
      />
      <TextAreaField
        id="mail-body"
        label={t("incidents.mail.body")}
        rows={8}
        value={body}
        error={fieldErrors.body}
        onChange={(e) => setBody(e.target.value)}
      />
      <CheckboxField
        label={t("incidents.mail.requireEncryption")}
        checked={requireEncryption}
        onChange={(e) => setRequireEncryption(e.target.checked)}
      />
      {send.error ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
      {receipt ? (
        <Notice tone={receipt.consentWarning ? "warning" : "success"}>
          {t(`incidents.mail.sent.${receipt.status}`)}
          {receipt.encrypted ? ` ${t("incidents.mail.sentEncrypted")}` : ""}
          {receipt.consentWarning
            ? ` ${
                // A report hidden from the writer (TLP:RED elsewhere) restricts sharing without being named.
                receipt.consentWarning.reports.length > 0
                  ? t("incidents.consent.sentDespite", { reports: receipt.consentWarning.reports.join(", ") })
                  : t("incidents.consent.sentDespiteUnnamed")
              }`
            : ""}
        </Notice>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        busy={send.isPending}
        disabled={body.trim() === "" || subject.trim() === ""}
      >
        {t("incidents.mail.send")}
      </Button>
    </form>
  );
}
