import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentOrganisations, OrganisationSuggestion } from "../../../../contract/incident-organisations.js";
import type { IncidentDetail, IncidentPatch } from "../../../../contract/incidents.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { organisationHref } from "../constituency/api.js";
import { OrganisationPicker } from "../constituency/OrganisationPicker.js";
import { incidentKeys, incidentPath } from "./api.js";

type Write = { method: "POST" | "DELETE"; path: string; body?: object };

/**
 * The organisations an incident affects: registry entries (linked by hand or accepted from Fyr's
 * suggestions, which come from the owners of the incident's values), and free text for the others.
 */
export function AffectedOrganisations({
  incident: i,
  busy,
  onChange,
}: {
  incident: IncidentDetail;
  busy: boolean;
  onChange: (c: Omit<IncidentPatch, "version">) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = incidentKeys.part(i.reference, "organisations");
  const base = `${incidentPath(i.reference)}/organisations`;
  const list = useQuery({ queryKey: key, queryFn: () => api<IncidentOrganisations>("GET", base) });
  const write = useMutation({
    mutationFn: (w: Write) => api<IncidentOrganisations>(w.method, w.path, w.body),
    onSuccess: (answer) => client.setQueryData(key, answer),
  });
  const data = list.data;
  const canEdit = data?.canEdit ?? false;
  const at = (organisationId: string, action?: "accept" | "dismiss") =>
    `${base}/${organisationId}${action ? `/${action}` : ""}`;
  return (
    <Section title={t("constituency.incident.title")} id="incident-organisations">
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {write.isError ? <Notice tone="error">{errorMessage(t, write.error)}</Notice> : null}
      {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {data ? (
        <>
          {data.items.length === 0 ? (
            <p className="empty">{t("constituency.incident.none")}</p>
          ) : (
            <ul className="plain-list cy-items" aria-label={t("constituency.incident.linked")}>
              {data.items.map((l) => (
                <li key={l.organisation.id}>
                  <div className="cy-item-main">
                    <Link to={organisationHref(l.organisation.id)}>{l.organisation.name}</Link>
                    <Badge>{t(`constituency.incident.source.${l.source}`)}</Badge>
                    {l.addedBy ? <span className="muted">{l.addedBy.name}</span> : null}
                  </div>
                  {canEdit ? (
                    <ConfirmButton
                      label={t("constituency.incident.unlink")}
                      name={t("constituency.incident.unlinkNamed", { name: l.organisation.name })}
                      question={t("constituency.incident.unlinkQuestion", { name: l.organisation.name })}
                      busy={write.isPending}
                      onConfirm={() => write.mutate({ method: "DELETE", path: at(l.organisation.id) })}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {data.suggestions.length > 0 ? (
            <>
              <h3>{t("constituency.incident.suggested")}</h3>
              <ul className="plain-list cy-items" aria-label={t("constituency.incident.suggested")}>
                {data.suggestions.map((s) => (
                  <SuggestionRow
                    key={s.organisation.id}
                    s={s}
                    canEdit={canEdit}
                    busy={write.isPending}
                    onAccept={() => write.mutate({ method: "POST", path: at(s.organisation.id, "accept") })}
                    onDismiss={() => write.mutate({ method: "POST", path: at(s.organisation.id, "dismiss") })}
                  />
                ))}
              </ul>
            </>
          ) : null}
          {data.truncated ? <p className="muted">{t("constituency.incident.truncated")}</p> : null}
          {data.dismissed.length > 0 ? (
            <details>
              <summary>{t("constituency.incident.dismissed", { count: data.dismissed.length })}</summary>
              <ul className="plain-list cy-items">
                {data.dismissed.map((d) => (
                  <li key={d.organisation.id}>
                    <Link to={organisationHref(d.organisation.id)}>{d.organisation.name}</Link>
                    {canEdit ? (
                      <Button
                        variant="quiet"
                        busy={write.isPending}
                        aria-label={t("constituency.incident.offerAgainNamed", { name: d.organisation.name })}
                        onClick={() => write.mutate({ method: "DELETE", path: at(d.organisation.id) })}
                      >
                        {t("constituency.incident.offerAgain")}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {canEdit ? (
            <OrganisationPicker
              label={t("constituency.incident.find")}
              exclude={data.items.map((l) => l.organisation.id)}
              busy={write.isPending}
              onPick={(o) => write.mutate({ method: "POST", path: base, body: { organisationId: o.id } })}
            />
          ) : null}
        </>
      ) : null}
      <FreeText
        key={i.affectedOrganisations.join("\n")}
        incident={i}
        canEdit={i.canEdit}
        busy={busy}
        onChange={onChange}
      />
    </Section>
  );
}

function SuggestionRow(props: {
  s: OrganisationSuggestion;
  canEdit: boolean;
  busy: boolean;
  onAccept: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const { s } = props;
  const name = s.organisation.name;
  return (
    <li>
      <div className="cy-item-main">
        <Link to={organisationHref(s.organisation.id)}>{name}</Link>
        <Badge tone="warn">{t("constituency.incident.source.suggested")}</Badge>
      </div>
      <span className="muted cy-because">
        {s.because.map((b) => t("constituency.incident.because", { value: b.value, match: b.match })).join(" · ")}
        {s.values > s.because.length
          ? ` ${t("constituency.incident.andMore", { count: s.values - s.because.length })}`
          : ""}
      </span>
      {props.canEdit ? (
        <span className="row-actions">
          <Button
            variant="primary"
            busy={props.busy}
            aria-label={t("constituency.incident.acceptNamed", { name })}
            onClick={props.onAccept}
          >
            {t("constituency.incident.accept")}
          </Button>
          <Button
            busy={props.busy}
            aria-label={t("constituency.incident.dismissNamed", { name })}
            onClick={props.onDismiss}
          >
            {t("constituency.incident.dismiss")}
          </Button>
        </span>
      ) : null}
    </li>
  );
}

/** The free text kept for organisations the registry does not know (comma-separated). */
function FreeText(props: {
  incident: IncidentDetail;
  canEdit: boolean;
  busy: boolean;
  onChange: (c: Omit<IncidentPatch, "version">) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(props.incident.affectedOrganisations.join(", "));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onChange({
      affectedOrganisations: text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
  };
  if (!props.canEdit) {
    return props.incident.affectedOrganisations.length ? (
      <p>
        <strong>{t("constituency.incident.freeText")}:</strong> {props.incident.affectedOrganisations.join(", ")}
      </p>
    ) : null;
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextField
        label={t("constituency.incident.freeText")}
        hint={t("constituency.incident.freeTextHint")}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button type="submit" busy={props.busy}>
        {t("common.save")}
      </Button>
    </form>
  );
}
