import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { InhibitionCreate, Organisation } from "../../../../contract/constituency.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { itemsPath, useRegistryChange } from "./api.js";

/** "Do not notify": the organisation (or one network) is not told of some classifications, until a date. */
export function InhibitionsPanel({ o, canEdit }: { o: Organisation; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const remove = useRegistryChange((id: string) => api("DELETE", `${itemsPath(o.id, "inhibitions")}/${id}`));
  return (
    <Section title={t("constituency.inhibitions.title")} id="cy-inhibitions">
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      {o.inhibitions.length === 0 ? (
        <p className="empty">{t("constituency.inhibitions.empty")}</p>
      ) : (
        <ul className="plain-list cy-items">
          {o.inhibitions.map((i) => {
            const what = i.classificationTypes
              .map((c) => (c === "*" ? t("constituency.inhibitions.all") : c))
              .join(", ");
            return (
              <li key={i.id}>
                <div className="cy-item-main">
                  <strong>{what}</strong>
                  <span className="muted">
                    {i.network ? i.network.label : t("constituency.inhibitions.wholeOrganisation")}
                  </span>
                  {i.active ? null : <Badge>{t("constituency.inhibitions.expired")}</Badge>}
                </div>
                {i.reason ? <p>{i.reason}</p> : null}
                <span className="muted">
                  {i.expiresAt
                    ? t("constituency.inhibitions.until", { at: formatDateTime(i.expiresAt, i18n.language) })
                    : t("constituency.inhibitions.noEnd")}
                </span>
                {canEdit ? (
                  <ConfirmButton
                    label={t("constituency.remove")}
                    name={t("constituency.removeNamed", { name: what })}
                    question={t("constituency.removeQuestion", { name: what })}
                    busy={remove.isPending && remove.variables === i.id}
                    onConfirm={() => remove.mutate(i.id)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? <AddInhibition o={o} /> : null}
    </Section>
  );
}

function AddInhibition({ o }: { o: Organisation }) {
  const { t } = useTranslation();
  const [types, setTypes] = useState("*");
  const [networkId, setNetworkId] = useState("");
  const [reason, setReason] = useState("");
  const add = useRegistryChange((i: InhibitionCreate) => api("POST", itemsPath(o.id, "inhibitions"), i));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const classificationTypes = types
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    add.mutate(
      { classificationTypes, ...(networkId ? { networkId } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: () => setReason("") },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="cy-form">
      <h3>{t("constituency.inhibitions.add")}</h3>
      {add.isError ? <Notice tone="error">{errorMessage(t, add.error)}</Notice> : null}
      <TextField
        label={t("constituency.inhibitions.types")}
        hint={t("constituency.inhibitions.typesHint")}
        value={types}
        onChange={(e) => setTypes(e.target.value)}
      />
      <SelectField
        label={t("constituency.inhibitions.network")}
        value={networkId}
        onChange={(e) => setNetworkId(e.target.value)}
        options={[
          { value: "", label: t("constituency.inhibitions.wholeOrganisation") },
          ...o.networks.map((n) => ({ value: n.id, label: n.label })),
        ]}
      />
      <TextField
        label={t("constituency.inhibitions.reason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button type="submit" busy={add.isPending}>
        {t("constituency.add")}
      </Button>
    </form>
  );
}
