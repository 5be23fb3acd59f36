import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ForumDetail, ForumMember, ForumProposalInput } from "../../../../contract/forums.js";
import { ADMIN_ROLES, FORUM_MANAGER_ROLES, holdsRole } from "../../../../contract/roles.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { ForumDirectoryTable } from "./ForumDirectory.js";
import { ForumPosts } from "./ForumPosts.js";
import { useForumWrite, useStaffForum } from "./api.js";

/** Staff: one forum — its members, the proposals an admin decides, posts, meeting notes and held mail. */
export function ForumPage({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const detail = useStaffForum(id);
  const manager = holdsRole(me.roles, FORUM_MANAGER_ROLES);
  if (detail.isError) return <Notice tone="error">{errorMessage(t, detail.error)}</Notice>;
  if (!detail.data) return <p role="status">{t("common.loading")}</p>;
  const { forum } = detail.data;
  return (
    <>
      <PageHeader title={forum.name} />
      <p className="ws-intro">{forum.description}</p>
      <dl className="facts">
        <dt>{t("forums.forum.kind")}</dt>
        <dd>{t(`forums.kinds.${forum.kind}`)}</dd>
        <dt>{t("forums.forum.tlp")}</dt>
        <dd>
          <TlpBadge label={forum.defaultTlp} /> – <TlpBadge label={forum.maxTlp} />
        </dd>
        <dt>{t("forums.forum.address")}</dt>
        <dd>{forum.listAddress ?? "—"}</dd>
      </dl>
      <Proposals detail={detail.data} admin={holdsRole(me.roles, ADMIN_ROLES)} />
      <Members detail={detail.data} mayRemove={manager} />
      {manager ? <ProposeForm forumId={id} /> : null}
      <ForumPosts base="/forums" forum={forum} kind="post" mayWrite={manager} />
      <ForumPosts base="/forums" forum={forum} kind="note" mayWrite={manager} />
      <ForumDirectoryTable base="/forums" forumId={id} />
      <Section title={t("forums.held.title")} id="forum-held">
        <Table
          caption={t("forums.held.title")}
          rows={detail.data.held}
          rowKey={(h) => h.id}
          empty={t("forums.held.empty")}
          columns={[
            { key: "from", header: t("forums.held.sender"), cell: (h) => h.sender },
            { key: "subject", header: t("forums.held.subject"), cell: (h) => h.subject },
            { key: "reason", header: t("forums.held.reason"), cell: (h) => t(`forums.held.reasons.${h.reason}`) },
          ]}
        />
      </Section>
    </>
  );
}

function Proposals({ detail, admin }: { detail: ForumDetail; admin: boolean }) {
  const { t } = useTranslation();
  const base = `/forums/${detail.forum.id}/proposals`;
  const decide = useForumWrite((d: { id: string; verdict: "approve" | "reject" }) =>
    api<ForumMember>("POST", `${base}/${d.id}/${d.verdict}`, {}),
  );
  const pending = detail.members.filter((m) => m.status === "proposed");
  return (
    <Section title={t("forums.proposals.title")} id="forum-proposals">
      {decide.isError ? <Notice tone="error">{errorMessage(t, decide.error)}</Notice> : null}
      <Table<ForumMember>
        caption={t("forums.proposals.title")}
        rows={pending}
        rowKey={(m) => m.id}
        empty={t("forums.proposals.empty")}
        columns={[
          {
            key: "name",
            header: t("forums.members.name"),
            cell: (m) => (
              <>
                {m.name}
                <span className="cell-sub">{m.email}</span>
              </>
            ),
          },
          {
            key: "org",
            header: t("forums.members.organisation"),
            cell: (m) => m.organisation || (m.external ? t("forums.members.external") : ""),
          },
          {
            key: "sponsor",
            header: t("forums.proposals.sponsor"),
            cell: (m) => (
              <>
                {m.sponsor}
                <span className="cell-sub">{m.reason}</span>
              </>
            ),
          },
          {
            key: "decide",
            header: t("forums.proposals.decide"),
            cell: (m) =>
              admin ? (
                <>
                  <Button
                    aria-label={t("forums.proposals.approveNamed", { name: m.name })}
                    busy={decide.isPending}
                    onClick={() => decide.mutate({ id: m.id, verdict: "approve" })}
                  >
                    {t("forums.proposals.approve")}
                  </Button>{" "}
                  <Button
                    variant="quiet"
                    aria-label={t("forums.proposals.rejectNamed", { name: m.name })}
                    onClick={() => decide.mutate({ id: m.id, verdict: "reject" })}
                  >
                    {t("forums.proposals.reject")}
                  </Button>
                </>
              ) : (
                t("forums.proposals.adminDecides")
              ),
          },
        ]}
      />
    </Section>
  );
}

function Members({ detail, mayRemove }: { detail: ForumDetail; mayRemove: boolean }) {
  const { t, i18n } = useTranslation();
  const remove = useForumWrite((id: string) => api<ForumMember>("DELETE", `/forums/${detail.forum.id}/members/${id}`));
  const day = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(i18n.language === "sv" ? "sv-SE" : "en-GB") : "—";
  return (
    <Section title={t("forums.members.title")} id="forum-members">
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      <Table<ForumMember>
        caption={t("forums.members.title")}
        rows={detail.members.filter((m) => m.status !== "proposed")}
        rowKey={(m) => m.id}
        empty={t("forums.members.empty")}
        columns={[
          {
            key: "name",
            header: t("forums.members.name"),
            cell: (m) => (
              <>
                {m.name}
                <span className="cell-sub">{m.email}</span>
              </>
            ),
          },
          {
            key: "org",
            header: t("forums.members.organisation"),
            cell: (m) => m.organisation || (m.external ? t("forums.members.external") : ""),
          },
          { key: "status", header: t("forums.members.status"), cell: (m) => t(`forums.statuses.${m.status}`) },
          { key: "confirmed", header: t("forums.members.confirmed"), cell: (m) => day(m.confirmedAt) },
          {
            key: "remove",
            header: t("forums.members.actions"),
            cell: (m) =>
              mayRemove && m.status === "active" ? (
                <Button
                  variant="quiet"
                  aria-label={t("forums.members.removeNamed", { name: m.name })}
                  onClick={() => remove.mutate(m.id)}
                >
                  {t("forums.members.remove")}
                </Button>
              ) : null,
          },
        ]}
      />
    </Section>
  );
}

/** A sponsor's proposal: the person by address; an admin decides. Shared with the member area. */
export function ProposeForm({ forumId, base = "/forums" }: { forumId: string; base?: "/forums" | "/my/forums" }) {
  const { t } = useTranslation();
  const propose = useForumWrite((input: ForumProposalInput) =>
    api<ForumMember>("POST", `${base}/${forumId}/proposals`, input),
  );
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [reason, setReason] = useState("");
  const fields = propose.error instanceof ApiError ? propose.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate(
      { email, name, organisation, reason },
      {
        onSuccess: () => {
          setEmail("");
          setName("");
          setReason("");
        },
      },
    );
  };
  return (
    <Section title={t("forums.propose.title")} id="forum-propose">
      <p>{t("forums.propose.intro")}</p>
      <form className="stack" onSubmit={submit}>
        <TextField
          label={t("forums.propose.email")}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          error={fields.email}
        />
        <TextField
          label={t("forums.propose.name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          error={fields.name}
        />
        <TextField
          label={t("forums.propose.organisation")}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
        />
        <TextField label={t("forums.propose.reason")} value={reason} onChange={(e) => setReason(e.target.value)} />
        {propose.isError ? <Notice tone="error">{errorMessage(t, propose.error)}</Notice> : null}
        {propose.isSuccess ? <Notice tone="success">{t("forums.propose.done")}</Notice> : null}
        <Button type="submit" variant="primary" busy={propose.isPending}>
          {t("forums.propose.submit")}
        </Button>
      </form>
    </Section>
  );
}
