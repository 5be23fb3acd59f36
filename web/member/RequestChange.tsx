import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ContactRole } from "../../contract/constituency.js";
import type { ChangeRequest, ChangeRequestCreate, MyOrganisation } from "../../contract/members.js";
import { ApiError, api } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { Button } from "../lib/ui/Button.js";
import { TextAreaField } from "../lib/ui/Choice.js";
import { SelectField, TextField } from "../lib/ui/Field.js";
import { Notice } from "../lib/ui/Notice.js";

// The kinds this form offers (the API takes a few more: a contact's other fields).
const KINDS = [
  "add_network",
  "remove_network",
  "add_domain",
  "remove_domain",
  "add_asn",
  "add_contact",
  "remove_contact",
  "change_key",
] as const;
type Kind = (typeof KINDS)[number];
const ROLES: ContactRole[] = ["abuse", "security", "management", "technical", "24x7"];

/** The member asks for a change; the CERT decides (the answer shows under Change requests). */
export function RequestChange({ organisations }: { organisations: MyOrganisation[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? "");
  const [kind, setKind] = useState<Kind>("add_network");
  const [value, setValue] = useState("");
  const [item, setItem] = useState("");
  const [role, setRole] = useState<ContactRole>("abuse");
  const [reason, setReason] = useState("");
  const [sent, setSent] = useState(false);
  const org = organisations.find((o) => o.id === organisationId) ?? organisations[0];

  const body = (): ChangeRequestCreate | null => {
    const common = { organisationId, reason: reason.trim() || undefined };
    switch (kind) {
      case "add_network":
        return { ...common, kind, payload: { network: value } };
      case "add_domain":
        return { ...common, kind, payload: { domain: value } };
      case "add_asn":
        return { ...common, kind, payload: { asn: Number(value.replace(/^as/i, "")) } };
      case "add_contact":
        return { ...common, kind, payload: { email: value, role } };
      case "remove_network":
        return item ? { ...common, kind, payload: { networkId: item } } : null;
      case "remove_domain":
        return item ? { ...common, kind, payload: { domainId: item } } : null;
      case "remove_contact":
        return item ? { ...common, kind, payload: { contactId: item } } : null;
      case "change_key":
        return item ? { ...common, kind, payload: { contactId: item, pgpKey: value.trim() || null } } : null;
    }
  };
  const send = useMutation({
    mutationFn: (b: ChangeRequestCreate) => api<ChangeRequest>("POST", "/my/change-requests", b),
    onSuccess: async () => {
      setSent(true);
      setValue("");
      setItem("");
      setReason("");
      await client.invalidateQueries({ queryKey: ["my", "change-requests"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const b = body();
    if (b) send.mutate(b);
  };

  const items: { value: string; label: string }[] =
    kind === "remove_network"
      ? (org?.networks ?? []).map((n) => ({ value: n.id, label: n.label }))
      : kind === "remove_domain"
        ? (org?.domains ?? []).map((d) => ({ value: d.id, label: d.domain }))
        : kind === "remove_contact" || kind === "change_key"
          ? (org?.contacts ?? []).map((c) => ({
              value: c.id,
              label: `${c.email} (${t(`member.contactRoles.${c.role}`)})`,
            }))
          : [];
  const needsItem = kind.startsWith("remove_") || kind === "change_key";
  const valueLabel = {
    add_network: t("member.request.network"),
    add_domain: t("member.request.domain"),
    add_asn: t("member.request.asn"),
    add_contact: t("member.request.email"),
    change_key: t("member.request.pgpKey"),
  } as Partial<Record<Kind, string>>;
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors : {};

  return (
    <form className="member-request" onSubmit={submit}>
      <p>{t("member.request.intro")}</p>
      {sent ? <Notice tone="success">{t("member.request.sent")}</Notice> : null}
      {send.isError ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
      {organisations.length > 1 ? (
        <SelectField
          label={t("member.request.organisation")}
          name="organisation"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}
      <SelectField
        label={t("member.request.kind")}
        name="kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Kind);
          setItem("");
        }}
        options={KINDS.map((k) => ({ value: k, label: t(`member.request.kinds.${k}`) }))}
      />
      {needsItem ? (
        <SelectField
          label={t("member.request.item")}
          name="item"
          required
          value={item}
          onChange={(e) => setItem(e.target.value)}
          options={[{ value: "", label: "—" }, ...items]}
        />
      ) : null}
      {kind === "change_key" ? (
        <TextAreaField
          label={valueLabel.change_key ?? ""}
          name="pgpKey"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : valueLabel[kind] ? (
        <TextField
          label={valueLabel[kind] ?? ""}
          name="value"
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={Object.values(fieldErrors)[0]}
        />
      ) : null}
      {kind === "add_contact" ? (
        <SelectField
          label={t("member.request.contactRole")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as ContactRole)}
          options={ROLES.map((r) => ({ value: r, label: t(`member.contactRoles.${r}`) }))}
        />
      ) : null}
      <TextAreaField
        label={t("member.request.reason")}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={send.isPending}>
          {t("member.request.submit")}
        </Button>
      </div>
    </form>
  );
}
