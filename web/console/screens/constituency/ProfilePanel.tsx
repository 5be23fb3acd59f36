import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Nis2Entity, Organisation, OrganisationPatch } from "../../../../contract/constituency.js";
import { Sector } from "../../../../contract/intake.js";
import { type ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { organisationHref, useRegistryChange } from "./api.js";
import { EntityBadge, Provenance } from "./badges.js";
import { OrganisationPicker } from "./OrganisationPicker.js";

/** The organisation's profile (sector, entity class, language, family, notes), edited in place by editors. */
export function ProfilePanel({ o, canEdit }: { o: Organisation; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Section title={t("constituency.profile.title")} id="cy-profile">
      {editing ? (
        <ProfileForm o={o} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="facts">
            <dt>{t("constituency.fields.orgNumber")}</dt>
            <dd>{o.orgNumber ?? "—"}</dd>
            <dt>{t("constituency.fields.sector")}</dt>
            <dd>{o.sector ? t(`sectors.${o.sector}`) : "—"}</dd>
            <dt>{t("constituency.fields.entity")}</dt>
            <dd>{o.nis2Entity ? <EntityBadge entity={o.nis2Entity} /> : t("constituency.entity.none")}</dd>
            <dt>{t("constituency.fields.language")}</dt>
            <dd>{t(`constituency.language.${o.language}`)}</dd>
            <dt>{t("constituency.fields.notification")}</dt>
            <dd>{t(`constituency.interval.${o.notification.interval}`)}</dd>
            <dt>{t("constituency.fields.parent")}</dt>
            <dd>{o.parent ? <Link to={organisationHref(o.parent.id)}>{o.parent.name}</Link> : "—"}</dd>
            <dt>{t("constituency.fields.children")}</dt>
            <dd>
              {o.children.length === 0
                ? "—"
                : o.children.map((c) => (
                    <Link key={c.id} to={organisationHref(c.id)}>
                      {c.name}
                    </Link>
                  ))}
            </dd>
            <dt>{t("constituency.fields.tags")}</dt>
            <dd>{o.tags.length ? o.tags.join(", ") : "—"}</dd>
            <dt>{t("constituency.fields.origin")}</dt>
            <dd>
              <Provenance origin={o.origin} source={o.source} importedAt={o.importedAt} editedAt={o.editedAt} />
            </dd>
            <dt>{t("constituency.fields.updated")}</dt>
            <dd>{formatDateTime(o.updatedAt, i18n.language)}</dd>
          </dl>
          {o.notes ? <p className="cy-notes">{o.notes}</p> : null}
          {canEdit ? <Button onClick={() => setEditing(true)}>{t("constituency.profile.edit")}</Button> : null}
        </>
      )}
    </Section>
  );
}

const ENTITIES: (Nis2Entity | "")[] = ["", "essential", "important"];

function ProfileForm({ o, onDone }: { o: Organisation; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(o.name);
  const [orgNumber, setOrgNumber] = useState(o.orgNumber ?? "");
  const [sector, setSector] = useState(o.sector ?? "");
  const [entity, setEntity] = useState<Nis2Entity | "">(o.nis2Entity ?? "");
  const [language, setLanguage] = useState(o.language);
  const [interval, setInterval] = useState(o.notification.interval);
  const [tags, setTags] = useState(o.tags.join(", "));
  const [notes, setNotes] = useState(o.notes);
  const [parent, setParent] = useState(o.parent);
  const save = useRegistryChange((patch: OrganisationPatch) => api("PATCH", `/organisations/${o.id}`, patch));
  const fieldErrors = (save.error as ApiError | null)?.fieldErrors ?? {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        version: o.version,
        name,
        orgNumber: orgNumber.trim() || null,
        sector: Sector.safeParse(sector).data ?? null,
        nis2Entity: entity || null,
        language,
        notification: { interval },
        tags: tags
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        notes,
        parentId: parent?.id ?? null,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      <TextField
        label={t("constituency.fields.name")}
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors.name}
      />
      <TextField
        label={t("constituency.fields.orgNumber")}
        value={orgNumber}
        onChange={(e) => setOrgNumber(e.target.value)}
        error={fieldErrors.orgNumber}
      />
      <SectorSelect value={sector} onChange={setSector} />
      <SelectField
        label={t("constituency.fields.entity")}
        value={entity}
        onChange={(e) => setEntity(e.target.value as Nis2Entity | "")}
        options={ENTITIES.map((v) => ({ value: v, label: t(`constituency.entity.${v || "none"}`) }))}
      />
      <LanguageSelect value={language} onChange={setLanguage} />
      <SelectField
        label={t("constituency.fields.notification")}
        value={interval}
        onChange={(e) => setInterval(e.target.value as typeof interval)}
        options={(["immediate", "hourly", "daily", "weekly"] as const).map((v) => ({
          value: v,
          label: t(`constituency.interval.${v}`),
        }))}
      />
      <TextField
        label={t("constituency.fields.tags")}
        hint={t("constituency.profile.tagsHint")}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
      />
      <TextAreaField label={t("constituency.fields.notes")} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="field">
        <span className="cy-label">{t("constituency.fields.parent")}</span>
        {parent ? (
          <p>
            {parent.name}{" "}
            <Button variant="quiet" onClick={() => setParent(null)}>
              {t("constituency.profile.noParent")}
            </Button>
          </p>
        ) : null}
        <OrganisationPicker label={t("constituency.profile.findParent")} exclude={[o.id]} onPick={setParent} />
      </div>
      {fieldErrors.parentId ? <p className="field-error">{fieldErrors.parentId}</p> : null}
      <div className="row-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t("common.save")}
        </Button>
        <Button onClick={onDone}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}

/** The NIS2 sectors of the taxonomy (contract/nis2-sectors.ts, from ../shared/data/taxonomies), or none. */
export function SectorSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("constituency.fields.sector")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: "", label: t("constituency.profile.noSector") },
        ...Sector.options.map((s) => ({ value: s, label: t(`sectors.${s}`) })),
      ]}
    />
  );
}

export function LanguageSelect({
  value,
  onChange,
  label,
}: {
  value: "sv" | "en";
  onChange: (v: "sv" | "en") => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={label ?? t("constituency.fields.language")}
      value={value}
      onChange={(e) => onChange(e.target.value === "en" ? "en" : "sv")}
      options={(["sv", "en"] as const).map((v) => ({ value: v, label: t(`constituency.language.${v}`) }))}
    />
  );
}
