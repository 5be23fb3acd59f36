import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  ContactRole,
  Nis2Entity,
  Organisation,
  OrganisationCreateInput,
  OrganisationRef,
} from "../../../../contract/constituency.js";
import { Sector } from "../../../../contract/intake.js";
import { type ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { Fieldset, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { DIRECTORY_PATH, organisationHref, useRegistryChange } from "./api.js";
import { CONTACT_ROLES } from "./ContactsPanel.js";
import { OrganisationPicker } from "./OrganisationPicker.js";
import { LanguageSelect, SectorSelect } from "./ProfilePanel.js";
import "./constituency.css";

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A new organisation: its profile, what it owns (one per line) and a first contact, in one request. */
export function NewOrganisation() {
  const { t } = useTranslation();
  const [f, setF] = useState({
    name: "",
    orgNumber: "",
    sector: "",
    entity: "" as Nis2Entity | "",
    language: "sv" as "sv" | "en",
    networks: "",
    asns: "",
    domains: "",
    urlPrefixes: "",
    email: "",
    contactName: "",
    phone: "",
    role: "abuse" as ContactRole,
  });
  const [parent, setParent] = useState<OrganisationRef | null>(null);
  const create = useRegistryChange((body: OrganisationCreateInput) =>
    api<Organisation>("POST", "/organisations", body),
  );
  const errors = (create.error as ApiError | null)?.fieldErrors ?? {};
  // A holding's error names its line (`networks.2`): shown under its box with the line's text.
  const listError = (key: "networks" | "asns" | "domains" | "urlPrefixes") => {
    const entries = Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`));
    if (entries.length === 0) return undefined;
    const values = lines(f[key]);
    return entries
      .map(([k, message]) => {
        const index = Number(k.split(".")[1]);
        return Number.isInteger(index) && values[index] ? `${values[index]}: ${message}` : message;
      })
      .join(" ");
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: OrganisationCreateInput = {
      name: f.name.trim(),
      language: f.language,
      sector: Sector.safeParse(f.sector).data ?? null,
      nis2Entity: f.entity || null,
      networks: lines(f.networks),
      asns: lines(f.asns).map((a) => Number(a.replace(/^AS/i, ""))),
      domains: lines(f.domains),
      urlPrefixes: lines(f.urlPrefixes),
      ...(f.orgNumber.trim() ? { orgNumber: f.orgNumber.trim() } : {}),
      ...(parent ? { parentId: parent.id } : {}),
      ...(f.email.trim()
        ? {
            contacts: [
              {
                email: f.email.trim(),
                role: f.role,
                language: f.language,
                ...(f.contactName.trim() ? { name: f.contactName.trim() } : {}),
                ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
              },
            ],
          }
        : {}),
    };
    create.mutate(body, { onSuccess: (o) => navigate(organisationHref(o.id)) });
  };
  return (
    <>
      <p className="crumb">
        <Link to={DIRECTORY_PATH}>{t("constituency.directory.back")}</Link>
      </p>
      <PageHeader title={t("constituency.create.title")} />
      <form onSubmit={submit} noValidate className="cy-create">
        {create.isError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
        <Section title={t("constituency.profile.title")} id="cy-new-profile">
          <div className="form-cols">
            <TextField
              label={t("constituency.fields.name")}
              required
              value={f.name}
              onChange={set("name")}
              error={errors.name}
            />
            <TextField
              label={t("constituency.fields.orgNumber")}
              value={f.orgNumber}
              onChange={set("orgNumber")}
              error={errors.orgNumber}
            />
            <SectorSelect value={f.sector} onChange={(sector) => setF({ ...f, sector })} />
            <SelectField
              label={t("constituency.fields.entity")}
              value={f.entity}
              onChange={set("entity")}
              options={(["", "essential", "important"] as const).map((v) => ({
                value: v,
                label: t(`constituency.entity.${v || "none"}`),
              }))}
            />
            <LanguageSelect value={f.language} onChange={(language) => setF({ ...f, language })} />
          </div>
          <Fieldset legend={t("constituency.fields.parent")} error={errors.parentId}>
            {parent ? (
              <p>
                {parent.name}{" "}
                <Button variant="quiet" onClick={() => setParent(null)}>
                  {t("constituency.profile.noParent")}
                </Button>
              </p>
            ) : null}
            <OrganisationPicker label={t("constituency.profile.findParent")} onPick={setParent} />
          </Fieldset>
        </Section>
        <Section title={t("constituency.holdings.title")} id="cy-new-holdings">
          <p className="muted">{t("constituency.create.onePerLine")}</p>
          <div className="form-cols">
            <TextAreaField
              label={t("constituency.holdings.networks")}
              hint={t("constituency.holdings.hint.networks")}
              value={f.networks}
              onChange={set("networks")}
              error={listError("networks")}
            />
            <TextAreaField
              label={t("constituency.holdings.asns")}
              hint={t("constituency.holdings.hint.asns")}
              value={f.asns}
              onChange={set("asns")}
              error={listError("asns")}
            />
            <TextAreaField
              label={t("constituency.holdings.domains")}
              hint={t("constituency.holdings.hint.domains")}
              value={f.domains}
              onChange={set("domains")}
              error={listError("domains")}
            />
            <TextAreaField
              label={t("constituency.holdings.urlPrefixes")}
              hint={t("constituency.holdings.hint.urlPrefixes")}
              value={f.urlPrefixes}
              onChange={set("urlPrefixes")}
              error={listError("urlPrefixes")}
            />
          </div>
        </Section>
        <Section title={t("constituency.create.contact")} id="cy-new-contact">
          <div className="form-cols">
            <TextField
              label={t("constituency.contacts.email")}
              type="email"
              value={f.email}
              onChange={set("email")}
              error={errors["contacts.0.email"]}
            />
            <SelectField
              label={t("constituency.contacts.role")}
              value={f.role}
              onChange={set("role")}
              options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`constituency.roles.${r}`) }))}
            />
            <TextField label={t("constituency.contacts.name")} value={f.contactName} onChange={set("contactName")} />
            <TextField label={t("constituency.contacts.phone")} type="tel" value={f.phone} onChange={set("phone")} />
          </div>
        </Section>
        <div className="row-actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("constituency.create.submit")}
          </Button>
          <Link to={DIRECTORY_PATH} className="btn btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}
