import { useTranslation } from "react-i18next";
import type { MyForum } from "../../contract/forums.js";
import { api } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { Link } from "../lib/router.js";
import { Button } from "../lib/ui/Button.js";
import { CheckboxField } from "../lib/ui/Field.js";
import { Notice } from "../lib/ui/Notice.js";
import { PageHeader, Section } from "../lib/ui/Page.js";
import { Table } from "../lib/ui/Table.js";
import { TlpBadge } from "../lib/ui/TlpBadge.js";
import { ForumDirectoryTable } from "../console/screens/forums/ForumDirectory.js";
import { ProposeForm } from "../console/screens/forums/ForumPage.js";
import { ForumPosts } from "../console/screens/forums/ForumPosts.js";
import { useForumWrite, useMyForum, useMyForums } from "../console/screens/forums/api.js";

/** The member's forums: the closed communities they are an active member of. */
export function MyForumsScreen() {
  const { t } = useTranslation();
  const forums = useMyForums();
  return (
    <>
      <PageHeader title={t("forums.my.title")} />
      <p>{t("forums.my.intro")}</p>
      {forums.isError ? <Notice tone="error">{errorMessage(t, forums.error)}</Notice> : null}
      {forums.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {forums.data ? (
        <Table<MyForum>
          caption={t("forums.my.title")}
          rows={forums.data.items}
          rowKey={(f) => f.id}
          empty={t("forums.my.empty")}
          columns={[
            {
              key: "name",
              header: t("forums.list.name"),
              cell: (f) => <Link to={`/member/forums/${f.id}`}>{f.name}</Link>,
            },
            { key: "tlp", header: t("forums.list.tlp"), cell: (f) => <TlpBadge label={f.defaultTlp} /> },
            { key: "members", header: t("forums.list.members"), className: "cell-num", cell: (f) => f.members },
            {
              key: "due",
              header: t("forums.my.membership"),
              cell: (f) => (f.membership.reconfirmDue ? t("forums.my.confirmDue") : t("forums.my.confirmed")),
            },
          ]}
        />
      ) : null}
    </>
  );
}

/** One forum in the member area: posts and notes with their forms, the directory, the member's settings. */
export function MyForumScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const forum = useMyForum(id);
  const confirm = useForumWrite(() => api<MyForum>("POST", `/my/forums/${id}/reconfirm`));
  const settings = useForumWrite((digest: boolean) => api<MyForum>("PUT", `/my/forums/${id}/membership`, { digest }));
  if (forum.isError) return <Notice tone="error">{errorMessage(t, forum.error)}</Notice>;
  if (!forum.data) return <p role="status">{t("common.loading")}</p>;
  const f = forum.data;
  const lapses = f.membership.lapsesAt
    ? new Date(f.membership.lapsesAt).toLocaleDateString(i18n.language === "sv" ? "sv-SE" : "en-GB")
    : "";
  return (
    <>
      <PageHeader title={f.name} />
      <p>{f.description}</p>
      {f.membership.reconfirmDue ? (
        <Notice tone="warning">
          {t("forums.my.confirmQuestion", { date: lapses })}{" "}
          <Button variant="primary" busy={confirm.isPending} onClick={() => confirm.mutate(undefined)}>
            {t("forums.my.confirm")}
          </Button>
        </Notice>
      ) : null}
      <p className="field-hint">{t("forums.posts.tlpBounds", { max: f.maxTlp })}</p>
      <ForumPosts base="/my/forums" forum={f} kind="post" mayWrite />
      <ForumPosts base="/my/forums" forum={f} kind="note" mayWrite />
      <ForumDirectoryTable base="/my/forums" forumId={id} />
      <Section title={t("forums.my.settings")} id="forum-settings">
        <CheckboxField
          label={t("forums.my.digest")}
          checked={f.membership.digest}
          onChange={(e) => settings.mutate(e.target.checked)}
        />
        {settings.isError ? <Notice tone="error">{errorMessage(t, settings.error)}</Notice> : null}
      </Section>
      <ProposeForm forumId={id} base="/my/forums" />
    </>
  );
}
