import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Advisory } from "../../../../contract/advisories.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime, stockholmLocalToIso } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { approvalBar, mayPublish, useAdvisoryChange } from "./api.js";
import { StatusBadge } from "./parts.js";

const STEPS = ["draft", "in_review", "approved", "published"] as const;

/**
 * Where the advisory stands and the one next step: submit (a writer), approve (another publisher —
 * the author is told why not), publish now or at a time, and on a published advisory, a revision.
 */
export function Workflow({ advisory: a, me }: { advisory: Advisory; me: Me }) {
  const { t, i18n } = useTranslation();
  const change = useAdvisoryChange(a.id);
  const [at, setAt] = useState("");
  const [summary, setSummary] = useState("");
  const failed = change.submit.error ?? change.approve.error ?? change.publish.error ?? change.revision.error ?? null;
  const bar = approvalBar(me, a);
  const reached = STEPS.indexOf(a.status === "scheduled" ? "approved" : a.status);

  function schedule(e: FormEvent) {
    e.preventDefault();
    const iso = at ? stockholmLocalToIso(at) : undefined;
    change.publish.mutate(iso ? { at: iso } : {});
  }
  function revise(e: FormEvent) {
    e.preventDefault();
    change.revision.mutate({ summary }, { onSuccess: () => setSummary("") });
  }
  return (
    <Section title={t("advisories.workflow")} id="advisory-workflow">
      <ol className="adv-steps" aria-label={t("advisories.steps")}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === reached ? "step" : undefined} className={i <= reached ? "done" : undefined}>
            {t(`advisories.statuses.${s}`)}
          </li>
        ))}
      </ol>
      <p>
        <StatusBadge status={a.status} /> {t("advisories.versionLine", { version: a.version })}
        {a.revision > 0 ? ` · ${t("advisories.revisionNumber", { number: a.revision })}` : null}
        {a.approvedBy ? ` · ${t("advisories.approvedBy", { name: a.approvedBy })}` : null}
      </p>
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {a.status === "draft" ? (
        <>
          {a.revisionSummary ? <p>{t("advisories.revisionOpen", { summary: a.revisionSummary })}</p> : null}
          <Button variant="primary" busy={change.submit.isPending} onClick={() => change.submit.mutate({})}>
            {t("advisories.submit")}
          </Button>
        </>
      ) : null}
      {a.status === "in_review" ? (
        bar === null ? (
          <Button variant="primary" busy={change.approve.isPending} onClick={() => change.approve.mutate({})}>
            {t("advisories.approve")}
          </Button>
        ) : (
          <Notice tone="info">{t(`advisories.cannotApprove.${bar}`)}</Notice>
        )
      ) : null}
      {a.status === "approved" && mayPublish(me) ? (
        <form onSubmit={schedule} className="adv-inline-form">
          <TextField
            label={t("advisories.publishAt")}
            hint={t("advisories.publishAtHint")}
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
          <Button type="submit" variant="primary" busy={change.publish.isPending}>
            {at ? t("advisories.schedule") : t("advisories.publish")}
          </Button>
        </form>
      ) : null}
      {a.status === "approved" && !mayPublish(me) ? <p>{t("advisories.waitingForPublisher")}</p> : null}
      {a.status === "scheduled" ? (
        <p>{t("advisories.scheduledFor", { when: formatDateTime(a.publishAt, i18n.language) })}</p>
      ) : null}
      {a.status === "published" ? (
        <>
          <ul className="plain-list">
            {a.published.map((p) => (
              <li key={p.language}>
                <a href={p.page}>{t(`advisories.publicPage.${p.language}`)}</a> ·{" "}
                <a href={p.csaf} type="application/json">
                  {t("advisories.csafDocument")}
                </a>{" "}
                <span className="muted">{t("advisories.revisionNumber", { number: p.revision })}</span>
              </li>
            ))}
          </ul>
          <form onSubmit={revise} className="adv-inline-form">
            <TextField
              label={t("advisories.revisionSummary")}
              hint={t("advisories.revisionHint")}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              required
            />
            <Button type="submit" busy={change.revision.isPending}>
              {t("advisories.openRevision")}
            </Button>
          </form>
        </>
      ) : null}
    </Section>
  );
}
