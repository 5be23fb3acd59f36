import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Forum, ForumPostKind } from "../../../../contract/forums.js";
import { TlpLabel } from "../../../../contract/intake.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { type ForumBase, postTo, useForumWrite, usePosts } from "./api.js";

/** A forum's posts or meeting notes (the archive, page by page) and, when allowed, the form to add one. */
export function ForumPosts({
  base,
  forum,
  kind,
  mayWrite,
}: {
  base: ForumBase;
  forum: Forum;
  kind: ForumPostKind;
  mayWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const posts = usePosts(base, forum.id, kind);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === "sv" ? "sv-SE" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  const title = kind === "note" ? t("forums.notes.title") : t("forums.posts.title");
  return (
    <Section title={title} id={`forum-${kind}s`}>
      {mayWrite ? <PostForm base={base} forum={forum} kind={kind} /> : null}
      {posts.isError ? <Notice tone="error">{errorMessage(t, posts.error)}</Notice> : null}
      {posts.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {posts.data && items.length === 0 ? (
        <p>{kind === "note" ? t("forums.notes.empty") : t("forums.posts.empty")}</p>
      ) : null}
      <ol className="forum-posts">
        {items.map((p) => (
          <li key={p.id}>
            <article aria-labelledby={`post-${p.id}`}>
              <h3 id={`post-${p.id}`}>
                <TlpBadge label={p.tlp} /> {p.title}
              </h3>
              <p className="cell-sub">
                {p.meetingOn ? `${t("forums.notes.meetingOn")} ${p.meetingOn} · ` : ""}
                {t("forums.posts.by", { author: p.author, when: when(p.createdAt) })}
                {p.via === "mail" ? ` · ${t("forums.posts.viaMail")}` : ""}
              </p>
              <p className="forum-post-body">{p.body}</p>
            </article>
          </li>
        ))}
      </ol>
      {posts.hasNextPage ? (
        <Button variant="quiet" busy={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          {t("forums.posts.more")}
        </Button>
      ) : null}
    </Section>
  );
}

function PostForm({ base, forum, kind }: { base: ForumBase; forum: Forum; kind: ForumPostKind }) {
  const { t } = useTranslation();
  const write = useForumWrite(postTo(base, forum.id));
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [tlp, setTlp] = useState<TlpLabel>(forum.defaultTlp);
  const [meetingOn, setMeetingOn] = useState("");
  const fields = write.error instanceof ApiError ? write.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.mutate(
      { kind, title, body, tlp, ...(kind === "note" && meetingOn ? { meetingOn } : {}) },
      {
        onSuccess: () => {
          setTitle("");
          setBody("");
        },
      },
    );
  };
  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-label={kind === "note" ? t("forums.notes.new") : t("forums.posts.new")}
    >
      <TextField
        label={t("forums.posts.titleField")}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={fields.title}
      />
      <div className="field">
        <label htmlFor={`forum-${kind}-body`}>{t("forums.posts.body")}</label>
        <textarea id={`forum-${kind}-body`} rows={5} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      <SelectField
        label={t("forums.posts.tlp")}
        value={tlp}
        onChange={(e) => setTlp(TlpLabel.parse(e.target.value))}
        options={TlpLabel.options.map((v) => ({ value: v, label: v }))}
      />
      {fields.tlp ? <p className="field-error">{fields.tlp}</p> : null}
      <p className="field-hint">{t("forums.posts.tlpBounds", { max: forum.maxTlp })}</p>
      {kind === "note" ? (
        <TextField
          label={t("forums.notes.meetingOn")}
          type="date"
          value={meetingOn}
          onChange={(e) => setMeetingOn(e.target.value)}
        />
      ) : null}
      {write.isError ? <Notice tone="error">{errorMessage(t, write.error)}</Notice> : null}
      <Button type="submit" variant="primary" busy={write.isPending}>
        {kind === "note" ? t("forums.notes.add") : t("forums.posts.add")}
      </Button>
    </form>
  );
}
