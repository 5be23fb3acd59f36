import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Advisory, AdvisoryDiff } from "../../../../contract/advisories.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { useAdvisoryChange } from "./api.js";

/** Comments on the draft, what changed since the previous version, and the published revisions. */
export function History({ advisory: a }: { advisory: Advisory }) {
  const { t, i18n } = useTranslation();
  const change = useAdvisoryChange(a.id);
  const [comment, setComment] = useState("");
  const [diff, setDiff] = useState<AdvisoryDiff | null>(null);
  const [diffError, setDiffError] = useState<unknown>(null);

  function send(e: FormEvent) {
    e.preventDefault();
    change.comment.mutate({ body: comment }, { onSuccess: () => setComment("") });
  }
  async function showDiff() {
    try {
      setDiff(await api<AdvisoryDiff>("GET", `/advisories/${a.id}/diff?from=${a.version - 1}&to=${a.version}`));
      setDiffError(null);
    } catch (err) {
      setDiffError(err);
    }
  }
  return (
    <>
      <Section title={t("advisories.comments")} id="advisory-comments">
        {a.comments.length === 0 ? <p className="empty">{t("advisories.noComments")}</p> : null}
        <ul className="plain-list">
          {a.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author}</strong>{" "}
              <span className="muted">
                {formatDateTime(c.createdAt, i18n.language)} · {t("advisories.onVersion", { version: c.version })}
              </span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
        <form onSubmit={send}>
          <TextAreaField
            label={t("advisories.addComment")}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            required
          />
          {change.comment.error ? <Notice tone="error">{errorMessage(t, change.comment.error)}</Notice> : null}
          <Button type="submit" busy={change.comment.isPending}>
            {t("advisories.sendComment")}
          </Button>
        </form>
      </Section>
      <Section title={t("advisories.changes")} id="advisory-changes">
        {a.version > 1 ? (
          <Button onClick={() => void showDiff()}>
            {t("advisories.showDiff", { from: a.version - 1, to: a.version })}
          </Button>
        ) : (
          <p className="empty">{t("advisories.firstVersion")}</p>
        )}
        {diffError ? <Notice tone="error">{errorMessage(t, diffError)}</Notice> : null}
        {diff ? (
          <dl className="adv-diff">
            {diff.changes.map((c) => (
              <div key={c.field}>
                <dt className="mono">{c.field}</dt>
                <dd>
                  {c.lines
                    ? c.lines.map((l, i) => (
                        <div key={i} className={`adv-diff-${l.op}`}>
                          {l.op === "added" ? "+ " : l.op === "removed" ? "− " : "  "}
                          {l.text}
                        </div>
                      ))
                    : `${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <h3>{t("advisories.revisions")}</h3>
        {a.revisions.length === 0 ? (
          <p className="empty">{t("advisories.noRevisions")}</p>
        ) : (
          <ol>
            {a.revisions.map((r) => (
              <li key={r.number}>
                {t("advisories.revisionNumber", { number: r.number })} · {formatDateTime(r.publishedAt, i18n.language)}:{" "}
                {r.summary}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}
