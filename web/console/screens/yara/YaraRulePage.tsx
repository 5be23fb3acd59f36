import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { YaraMatch, YaraRule } from "../../../../contract/yara.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { caseHref } from "../observables/api.js";
import { ruleHref, useRuleMatches, useRuleVersions, useYaraRule, yaraKeys } from "./api.js";
import { MatchedStrings } from "./MatchDetails.js";
import "./yara.css";

function RuleActions({ rule }: { rule: YaraRule }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: yaraKeys.all });
  const toggle = useMutation({
    mutationFn: () =>
      api<YaraRule>("PATCH", `/yara/rules/${rule.id}`, { version: rule.version, enabled: !rule.enabled }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api("DELETE", `/yara/rules/${rule.id}?version=${rule.version}`),
    onSuccess: () => {
      refresh();
      navigate("/console/yara", { replace: true });
    },
  });
  const failed = toggle.error ?? remove.error;
  return (
    <>
      {failed ? (
        <Notice tone={failed instanceof ApiError && failed.code === "version_conflict" ? "warning" : "error"}>
          {failed instanceof ApiError && failed.code === "version_conflict"
            ? t("yara.editor.conflict")
            : errorMessage(t, failed)}
        </Notice>
      ) : null}
      <div className="form-actions">
        <Link to={`${ruleHref(rule.id)}/edit`} className="btn btn-primary">
          {t("yara.edit")}
        </Link>
        <Button busy={toggle.isPending} onClick={() => toggle.mutate()}>
          {rule.enabled ? t("yara.switchOff") : t("yara.switchOn")}
        </Button>
        <ConfirmButton
          label={t("yara.delete")}
          name={t("yara.deleteFor", { name: rule.name })}
          question={t("yara.confirmDelete", { name: rule.name })}
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </div>
    </>
  );
}

function Matches({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const matches = useRuleMatches(id);
  return (
    <Section title={t("yara.matches.title")} id="yara-matches">
      <p className="cell-sub">{t("yara.matches.policy")}</p>
      {matches.isError ? <Notice tone="error">{errorMessage(t, matches.error)}</Notice> : null}
      {matches.data ? (
        <Table<YaraMatch>
          caption={t("yara.matches.title")}
          rows={matches.data.items}
          rowKey={(m) => m.sha256}
          empty={t("yara.matches.none")}
          columns={[
            {
              key: "file",
              header: t("yara.matches.file"),
              cell: (m) => (
                <>
                  <strong>{m.filenames.join(", ")}</strong>
                  <code className="cell-sub hash">SHA-256 {m.sha256}</code>
                </>
              ),
            },
            {
              key: "cases",
              header: t("yara.matches.cases"),
              cell: (m) => (
                <ul className="plain-list">
                  {m.cases.map((c) => (
                    <li key={`${c.kind}-${c.reference}`}>
                      <Link to={caseHref(c)} className="mono">
                        {c.reference}
                      </Link>
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              key: "where",
              header: t("yara.matches.where"),
              cell: (m) => (
                <>
                  {m.current ? null : <Badge>{t("yara.match.olderVersion", { version: m.ruleVersion })}</Badge>}
                  <MatchedStrings match={m} />
                </>
              ),
            },
            {
              key: "when",
              header: t("yara.matches.when"),
              className: "cell-nowrap",
              cell: (m) => formatDateTime(m.matchedAt, i18n.language),
            },
          ]}
        />
      ) : null}
      {matches.data?.nextCursor ? <p className="cell-sub">{t("yara.matches.newest")}</p> : null}
    </Section>
  );
}

function Versions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const versions = useRuleVersions(id);
  return (
    <Section title={t("yara.versions.title")} id="yara-versions">
      {versions.isError ? <Notice tone="error">{errorMessage(t, versions.error)}</Notice> : null}
      <ol className="plain-list">
        {(versions.data?.items ?? []).map((v) => (
          <li key={v.version}>
            {t("yara.versions.line", {
              version: v.version,
              name: v.writtenBy?.name ?? "—",
              at: formatDateTime(v.writtenAt, i18n.language),
            })}{" "}
            <TlpBadge label={v.tlp} /> {v.enabled ? null : <Badge>{t("yara.off")}</Badge>}
            {v.deleted ? <Badge tone="bad">{t("yara.versions.deleted")}</Badge> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** One rule: what it is, its text (when the reader may read it), its matches (through the policy), its versions. */
export function YaraRulePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const rule = useYaraRule(id);
  const r = rule.data;
  return (
    <>
      <PageHeader title={r ? r.name : t("yara.rule")}>
        <Link to="/console/yara">{t("yara.backToRules")}</Link>
      </PageHeader>
      {rule.isError ? <Notice tone="error">{errorMessage(t, rule.error)}</Notice> : null}
      {r ? (
        <>
          <Section title={t("yara.rule")} id="yara-rule">
            <dl className="answers">
              <div className="answer">
                <dt>TLP</dt>
                <dd>
                  <TlpBadge label={r.tlp} />
                </dd>
              </div>
              <div className="answer">
                <dt>{t("yara.fields.author")}</dt>
                <dd>{r.author?.name ?? "—"}</dd>
              </div>
              <div className="answer">
                <dt>{t("yara.fields.state")}</dt>
                <dd>{r.enabled ? <Badge tone="good">{t("yara.on")}</Badge> : <Badge>{t("yara.off")}</Badge>}</dd>
              </div>
              <div className="answer">
                <dt>{t("yara.fields.updated")}</dt>
                <dd>
                  {t("yara.updatedBy", {
                    at: formatDateTime(r.updatedAt, i18n.language),
                    name: r.updatedBy?.name ?? "—",
                    version: r.version,
                  })}
                </dd>
              </div>
              <div className="answer">
                <dt>{t("yara.fields.matchedFiles")}</dt>
                <dd>{r.matchedFiles}</dd>
              </div>
            </dl>
            {r.description ? <p>{r.description}</p> : null}
            {r.mayEdit ? <RuleActions rule={r} /> : null}
          </Section>
          <Section title={t("yara.fields.source")} id="yara-source">
            {r.source !== null ? (
              <pre className="yara-source" tabIndex={0} aria-label={t("yara.fields.source")}>
                {r.source}
              </pre>
            ) : (
              <Notice tone="info">{t("yara.restrictedSource")}</Notice>
            )}
          </Section>
          <Matches id={r.id} />
          <Versions id={r.id} />
        </>
      ) : null}
    </>
  );
}
