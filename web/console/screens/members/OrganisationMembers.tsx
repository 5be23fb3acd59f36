import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Member, MemberList } from "../../../../contract/members.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Language } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";

/** Staff: an organisation's members — invite one, end one's access (/console/organisations/:id/members). */
export function OrganisationMembers({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = ["organisation-members", id];
  const org = useQuery({
    queryKey: ["organisation", id],
    queryFn: () => api<{ name: string }>("GET", `/organisations/${id}`),
  });
  const members = useQuery({ queryKey: key, queryFn: () => api<MemberList>("GET", `/organisations/${id}/members`) });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [language, setLanguage] = useState<Language>("sv");
  const [done, setDone] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => api<Member>("POST", `/organisations/${id}/members`, { email, name, language }),
    onSuccess: async (m) => {
      setDone(t("memberAdmin.invited", { email: m.email }));
      setEmail("");
      setName("");
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const end = useMutation({
    mutationFn: (m: Member) => api<Member>("DELETE", `/organisations/${id}/members/${m.id}`),
    onSuccess: async (m) => {
      setDone(t("memberAdmin.ended", { name: m.name }));
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    invite.mutate();
  };
  const fieldErrors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  const state = (m: Member) => (m.ended ? "ended" : m.invited ? "invited" : "active");
  return (
    <>
      <PageHeader title={t("memberAdmin.membersTitle", { name: org.data?.name ?? "…" })} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {end.isError ? <Notice tone="error">{errorMessage(t, end.error)}</Notice> : null}
      {members.isError ? <Notice tone="error">{errorMessage(t, members.error)}</Notice> : null}
      <Table
        caption={t("memberAdmin.members")}
        columns={[
          { key: "n", header: t("memberAdmin.name"), cell: (m) => m.name },
          { key: "e", header: t("memberAdmin.email"), cell: (m) => m.email },
          { key: "s", header: t("memberAdmin.state"), cell: (m) => t(`memberAdmin.states.${state(m)}`) },
          { key: "l", header: t("memberAdmin.lastLogin"), cell: (m) => formatDateTime(m.lastLoginAt, i18n.language) },
          {
            key: "x",
            header: "",
            cell: (m) =>
              m.ended ? null : (
                <Button
                  onClick={() => {
                    if (window.confirm(t("memberAdmin.endQuestion", { name: m.name }))) end.mutate(m);
                  }}
                >
                  {t("memberAdmin.end")}
                </Button>
              ),
          },
        ]}
        rows={members.data?.items ?? []}
        rowKey={(m) => m.id}
        empty={t("memberAdmin.empty")}
      />
      <Section title={t("memberAdmin.invite")}>
        <p>{t("memberAdmin.inviteIntro")}</p>
        {invite.isError ? <Notice tone="error">{errorMessage(t, invite.error)}</Notice> : null}
        <form onSubmit={submit}>
          <TextField
            label={t("memberAdmin.name")}
            name="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldErrors.name}
          />
          <TextField
            label={t("memberAdmin.email")}
            name="email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email}
          />
          <SelectField
            label={t("memberAdmin.language")}
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "sv")}
            options={[
              { value: "sv", label: "Svenska" },
              { value: "en", label: "English" },
            ]}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={invite.isPending}>
              {t("memberAdmin.send")}
            </Button>
          </div>
        </form>
      </Section>
    </>
  );
}
