import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  Contact,
  ContactCreate,
  ContactPatch,
  ContactRole,
  Organisation,
} from "../../../../contract/constituency.js";
import { type ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { groupedFingerprint } from "../admin/fingerprint.js";
import { itemsPath, useRegistryChange } from "./api.js";
import { Provenance } from "./badges.js";
import { LanguageSelect } from "./ProfilePanel.js";

export const CONTACT_ROLES: readonly ContactRole[] = ["abuse", "security", "management", "technical", "24x7"];

/** The OpenPGP key of a contact: its fingerprint in groups, its expiry, and a warning once expired. */
export function KeyCell({ c }: { c: Pick<Contact, "pgpFingerprint" | "pgpExpiresAt" | "pgpExpired"> }) {
  const { t, i18n } = useTranslation();
  if (!c.pgpFingerprint) return <span className="muted">{t("constituency.contacts.noKey")}</span>;
  return (
    <>
      <code className="cy-fingerprint">{groupedFingerprint(c.pgpFingerprint)}</code>
      {c.pgpExpired ? (
        <span className="cell-sub">
          <Badge tone="bad">
            {t("constituency.contacts.keyExpired", { at: formatDateTime(c.pgpExpiresAt, i18n.language) })}
          </Badge>
        </span>
      ) : c.pgpExpiresAt ? (
        <span className="cell-sub">
          {t("constituency.contacts.keyExpires", { at: formatDateTime(c.pgpExpiresAt, i18n.language) })}
        </span>
      ) : (
        <span className="cell-sub">{t("constituency.contacts.keyNoExpiry")}</span>
      )}
    </>
  );
}

/** When the contact last confirmed their details; flagged when not within the year. */
export function VerifiedCell({ c }: { c: Pick<Contact, "lastVerifiedAt" | "unverified"> }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {c.lastVerifiedAt ? formatDateTime(c.lastVerifiedAt, i18n.language) : t("constituency.contacts.never")}
      {c.unverified ? (
        <span className="cell-sub">
          <Badge tone="warn">{t("constituency.contacts.unverified")}</Badge>
        </span>
      ) : null}
    </>
  );
}

/** Whom to reach at the organisation, by role, with language, phone, key and last confirmation. */
export function ContactsPanel({ o, canEdit }: { o: Organisation; canEdit: boolean }) {
  const { t } = useTranslation();
  const remove = useRegistryChange((id: string) => api("DELETE", `${itemsPath(o.id, "contacts")}/${id}`));
  const [editing, setEditing] = useState<string | null>(null);
  const edited = o.contacts.find((c) => c.id === editing);
  const expired = o.contacts.filter((c) => c.pgpExpired);
  return (
    <Section title={t("constituency.contacts.title")} id="cy-contacts">
      {expired.length > 0 ? (
        <Notice tone="warning">
          {t("constituency.contacts.expiredWarning", { emails: expired.map((c) => c.email).join(", ") })}
        </Notice>
      ) : null}
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      <Table<Contact>
        caption={t("constituency.contacts.title")}
        rows={o.contacts}
        rowKey={(c) => c.id}
        empty={t("constituency.contacts.empty")}
        columns={[
          {
            key: "role",
            header: t("constituency.contacts.role"),
            cell: (c) => <Badge>{t(`constituency.roles.${c.role}`)}</Badge>,
          },
          {
            key: "who",
            header: t("constituency.contacts.who"),
            cell: (c) => (
              <>
                <a href={`mailto:${c.email}`}>{c.email}</a>
                {c.name ? <span className="cell-sub">{c.name}</span> : null}
                {c.phone ? (
                  <span className="cell-sub">
                    <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a>
                  </span>
                ) : null}
              </>
            ),
          },
          {
            key: "language",
            header: t("constituency.fields.language"),
            cell: (c) => t(`constituency.language.${c.language}`),
          },
          { key: "key", header: t("constituency.contacts.key"), cell: (c) => <KeyCell c={c} /> },
          {
            key: "verified",
            header: t("constituency.contacts.verified"),
            className: "cell-nowrap",
            cell: (c) => <VerifiedCell c={c} />,
          },
          { key: "origin", header: t("constituency.fields.origin"), cell: (c) => <Provenance {...c} /> },
          ...(canEdit
            ? [
                {
                  key: "actions",
                  header: <span className="visually-hidden">{t("common.actions")}</span>,
                  cell: (c: Contact) => (
                    <div className="row-actions">
                      <Button
                        aria-label={t("constituency.contacts.editNamed", { name: c.email })}
                        aria-expanded={editing === c.id}
                        onClick={() => setEditing(editing === c.id ? null : c.id)}
                      >
                        {t("constituency.contacts.edit")}
                      </Button>
                      <ConfirmButton
                        label={t("constituency.remove")}
                        name={t("constituency.removeNamed", { name: c.email })}
                        question={t("constituency.removeQuestion", { name: c.email })}
                        busy={remove.isPending && remove.variables === c.id}
                        onConfirm={() => remove.mutate(c.id)}
                      />
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit && edited ? (
        <ContactForm key={edited.id} o={o} contact={edited} onDone={() => setEditing(null)} />
      ) : null}
      {canEdit && !edited ? <AddContact o={o} /> : null}
    </Section>
  );
}

function AddContact({ o }: { o: Organisation }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) return <Button onClick={() => setOpen(true)}>{t("constituency.contacts.add")}</Button>;
  return <ContactForm o={o} onDone={() => setOpen(false)} />;
}

/**
 * A contact's details: a new contact (POST), or a change to `contact` (PATCH of what changed; an empty
 * key field keeps the key it has, which the registry holds but does not send back).
 */
function ContactForm({ o, contact, onDone }: { o: Organisation; contact?: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    email: contact?.email ?? "",
    name: contact?.name ?? "",
    phone: contact?.phone ?? "",
    role: contact?.role ?? ("abuse" as ContactRole),
    language: contact?.language ?? o.language,
    pgpKey: "",
    removeKey: false,
  });
  const save = useRegistryChange((c: ContactCreate | ContactPatch) =>
    contact
      ? api("PATCH", `${itemsPath(o.id, "contacts")}/${contact.id}`, c)
      : api("POST", itemsPath(o.id, "contacts"), c),
  );
  const errors = (save.error as ApiError | null)?.fieldErrors ?? {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = form.name.trim();
    const phone = form.phone.trim();
    const body: ContactCreate | ContactPatch = contact
      ? {
          email: form.email.trim(),
          role: form.role,
          language: form.language,
          name: name || null,
          phone: phone || null,
          ...(form.removeKey ? { pgpKey: null } : form.pgpKey.trim() ? { pgpKey: form.pgpKey } : {}),
        }
      : {
          email: form.email.trim(),
          role: form.role,
          language: form.language,
          ...(name ? { name } : {}),
          ...(phone ? { phone } : {}),
          ...(form.pgpKey.trim() ? { pgpKey: form.pgpKey } : {}),
        };
    save.mutate(body, { onSuccess: onDone });
  };
  const set = (k: "email" | "name" | "phone" | "role" | "pgpKey") => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const title = contact
    ? t("constituency.contacts.editTitle", { name: contact.email })
    : t("constituency.contacts.add");
  return (
    <form onSubmit={submit} noValidate className="cy-form" aria-label={title}>
      <h3>{title}</h3>
      {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      <div className="form-cols">
        <TextField
          label={t("constituency.contacts.email")}
          type="email"
          required
          value={form.email}
          onChange={set("email")}
          error={errors.email}
        />
        <SelectField
          label={t("constituency.contacts.role")}
          value={form.role}
          onChange={set("role")}
          options={CONTACT_ROLES.map((r) => ({ value: r, label: t(`constituency.roles.${r}`) }))}
        />
        <TextField
          label={t("constituency.contacts.name")}
          value={form.name}
          onChange={set("name")}
          error={errors.name}
        />
        <TextField
          label={t("constituency.contacts.phone")}
          type="tel"
          value={form.phone}
          onChange={set("phone")}
          error={errors.phone}
        />
        <LanguageSelect value={form.language} onChange={(language) => setForm({ ...form, language })} />
        <TextAreaField
          className="form-span"
          label={t("constituency.contacts.pgpKey")}
          hint={
            contact?.pgpFingerprint ? t("constituency.contacts.keepKeyHint") : t("constituency.contacts.pgpKeyHint")
          }
          value={form.pgpKey}
          onChange={set("pgpKey")}
          disabled={form.removeKey}
          error={errors.pgpKey}
        />
        {contact?.pgpFingerprint ? (
          <CheckboxField
            label={t("constituency.contacts.removeKey")}
            checked={form.removeKey}
            onChange={(e) => setForm({ ...form, removeKey: e.target.checked })}
          />
        ) : null}
      </div>
      <div className="row-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {contact ? t("constituency.contacts.save") : t("constituency.add")}
        </Button>
        <Button onClick={onDone}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}
