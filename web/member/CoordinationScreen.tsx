import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseList, MyCaseDetail, ParticipantStatus, Post } from "../../contract/coordination.js";
import { ParticipantStatus as Statuses } from "../../contract/coordination.js";
import { api } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { Link } from "../lib/router.js";
import { formatDateTime } from "../lib/time.js";
import { Button } from "../lib/ui/Button.js";
import { TextAreaField } from "../lib/ui/Choice.js";
import { SelectField } from "../lib/ui/Field.js";
import { Notice } from "../lib/ui/Notice.js";
import { PageHeader, Section } from "../lib/ui/Page.js";
import { Table } from "../lib/ui/Table.js";
import { TlpBadge } from "../lib/ui/TlpBadge.js";
import { useNow } from "../lib/ui/useNow.js";

/** The coordination cases the member's organisation takes part in. */
export function CoordinationListScreen() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ["my", "coordination"],
    queryFn: () => api<CaseList>("GET", "/my/coordination/cases"),
  });
  return (
    <>
      <PageHeader title={t("coordination.title")} />
      <p>{t("coordination.intro")}</p>
      {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {list.data ? (
        <Table
          caption={t("coordination.title")}
          columns={[
            {
              key: "r",
              header: t("coordination.reference"),
              cell: (c) => <Link to={`/member/coordination/${c.reference}`}>{c.reference}</Link>,
            },
            { key: "t", header: t("coordination.caseTitle"), cell: (c) => c.title },
            { key: "l", header: t("coordination.tlp"), cell: (c) => <TlpBadge label={c.tlp} /> },
            { key: "p", header: t("coordination.posts"), cell: (c) => String(c.posts) },
            { key: "u", header: t("coordination.updated"), cell: (c) => formatDateTime(c.updatedAt, i18n.language) },
          ]}
          rows={list.data.items}
          rowKey={(c) => c.reference}
          empty={t("coordination.none")}
        />
      ) : null}
    </>
  );
}

/** Time left of an embargo, to the hour. */
export function EmbargoCountdown({ until }: { until: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  if (!until) return <p>{t("coordination.embargo.none")}</p>;
  const left = new Date(until).getTime() - now;
  if (left <= 0) return <p>{t("coordination.embargo.over")}</p>;
  const days = Math.floor(left / 86_400_000);
  const hours = Math.floor((left % 86_400_000) / 3_600_000);
  return (
    <p>
      {t("coordination.embargo.ends", { when: formatDateTime(until, i18n.language) })} —{" "}
      <strong>{t("coordination.embargo.countdown", { days, hours })}</strong>
    </p>
  );
}

/** One post with its files and material (the member's download links). */
export function PostItem({ post, fileBase }: { post: Post; fileBase: string }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="panel" data-testid="coordination-post">
      <p>
        <TlpBadge label={post.tlp} /> {post.pinned ? <strong>{t("coordination.pinned")}</strong> : null}{" "}
        {post.author.kind === "coordinator" ? t("coordination.byCoordinator") : post.author.name} ·{" "}
        {formatDateTime(post.createdAt, i18n.language)}
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>{post.body}</p>
      {post.files.length > 0 ? (
        <ul aria-label={t("coordination.files")}>
          {post.files.map((f) => (
            <li key={f.id}>
              <a href={`${fileBase}/${f.id}`} download>
                {f.filename}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {post.material.map((m) => (
        <div key={m.id}>
          <p>
            {t("coordination.material")} {m.report} — {t(`coordination.materialKinds.${m.kind}`)}
          </p>
          {m.text ? <p style={{ whiteSpace: "pre-wrap" }}>{m.text}</p> : null}
          {m.values.length > 0 ? <p>{m.values.map((v) => v.value).join(", ")}</p> : null}
        </div>
      ))}
    </article>
  );
}

/** One case as the member's organisation takes part in it. */
export function CoordinationCaseScreen({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["my", "coordination", reference];
  const detail = useQuery({
    queryKey: key,
    queryFn: () => api<MyCaseDetail>("GET", `/my/coordination/cases/${encodeURIComponent(reference)}`),
  });
  const [status, setStatus] = useState<ParticipantStatus | "">("");
  const [statement, setStatement] = useState("");
  const [answer, setAnswer] = useState("");
  const path = `/my/coordination/cases/${encodeURIComponent(reference)}`;
  const update = useMutation({
    mutationFn: (b: { status: ParticipantStatus; statement: string }) => api<MyCaseDetail>("POST", `${path}/status`, b),
    onSuccess: (d) => client.setQueryData(key, d),
  });
  const reply = useMutation({
    mutationFn: (body: string) => api<MyCaseDetail>("POST", `${path}/posts`, { body }),
    onSuccess: (d) => {
      setAnswer("");
      client.setQueryData(key, d);
    },
  });
  if (detail.isPending) return <p role="status">{t("common.loading")}</p>;
  if (detail.isError) return <Notice tone="error">{errorMessage(t, detail.error)}</Notice>;
  const d = detail.data;
  const submitStatus = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ status: status || d.me.status, statement });
  };
  return (
    <>
      <PageHeader title={`${d.reference} ${d.title}`}>
        <Link to="/member/coordination">{t("coordination.back")}</Link>
      </PageHeader>
      <p>
        <TlpBadge label={d.tlp} /> {t(`coordination.caseStatus.${d.status}`)}
      </p>
      {d.summary ? <p style={{ whiteSpace: "pre-wrap" }}>{d.summary}</p> : null}
      <EmbargoCountdown until={d.embargoUntil} />
      <Section title={t("coordination.myStatus")} id="my-status">
        <p data-testid="my-status">
          {t(`coordination.statuses.${d.me.status}`)}
          {d.me.statement ? ` — ${d.me.statement}` : ""}
        </p>
        <form onSubmit={submitStatus}>
          <SelectField
            label={t("coordination.status")}
            value={status || d.me.status}
            onChange={(e) => setStatus(e.target.value as ParticipantStatus)}
            options={Statuses.options.map((s) => ({ value: s, label: t(`coordination.statuses.${s}`) }))}
          />
          <TextAreaField
            label={t("coordination.statement")}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          {update.isError ? <Notice tone="error">{errorMessage(t, update.error)}</Notice> : null}
          <Button type="submit" busy={update.isPending}>
            {t("coordination.setStatus")}
          </Button>
        </form>
      </Section>
      {d.others.length > 0 ? (
        <Section title={t("coordination.others")} id="others">
          <ul>
            {d.others.map((o) => (
              <li key={o.organisation.id}>
                {o.organisation.name} ({t(`coordination.roles.${o.role}`)})
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title={t("coordination.posts")} id="posts">
        {d.posts.map((p) => (
          <PostItem key={p.id} post={p} fileBase={`/api/v1${path}/files`} />
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (answer.trim()) reply.mutate(answer);
          }}
        >
          <TextAreaField
            label={t("coordination.answerCoordinator")}
            hint={t("coordination.answerHint")}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {reply.isError ? <Notice tone="error">{errorMessage(t, reply.error)}</Notice> : null}
          <Button type="submit" busy={reply.isPending}>
            {t("coordination.reply")}
          </Button>
        </form>
      </Section>
    </>
  );
}
