import { useTranslation } from "react-i18next";
import type { YaraRule } from "../../../../contract/yara.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { mayWriteYaraRules, ruleHref, useYaraRules } from "./api.js";
import { ScanStatusPanel } from "./ScanStatusPanel.js";
import "./yara.css";

/** The YARA rules, where scanning stands, and (for analysts) a new rule and "scan everything now". */
export function YaraRules({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const rules = useYaraRules();
  const writer = mayWriteYaraRules(me);
  return (
    <>
      <PageHeader title={t("yara.title")}>
        {writer ? (
          <Link to="/console/yara/new" className="btn btn-primary">
            {t("yara.new")}
          </Link>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("yara.intro")}</p>
      <ScanStatusPanel mayScan={writer} />
      <Section title={t("yara.rules")} id="yara-rules">
        {rules.isError ? <Notice tone="error">{errorMessage(t, rules.error)}</Notice> : null}
        {rules.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {rules.data ? (
          <Table<YaraRule>
            caption={t("yara.rules")}
            rows={rules.data.items}
            rowKey={(r) => r.id}
            empty={t("yara.empty")}
            rowClassName={(r) => (r.enabled ? undefined : "row-muted")}
            columns={[
              {
                key: "name",
                header: t("yara.fields.name"),
                cell: (r) => (
                  <>
                    <Link to={ruleHref(r.id)}>{r.name}</Link>
                    {r.description ? <span className="cell-sub">{r.description}</span> : null}
                  </>
                ),
              },
              { key: "tlp", header: "TLP", cell: (r) => <TlpBadge label={r.tlp} /> },
              { key: "author", header: t("yara.fields.author"), cell: (r) => r.author?.name ?? "—" },
              {
                key: "enabled",
                header: t("yara.fields.state"),
                cell: (r) => (r.enabled ? <Badge tone="good">{t("yara.on")}</Badge> : <Badge>{t("yara.off")}</Badge>),
              },
              {
                key: "matches",
                header: t("yara.fields.matchedFiles"),
                className: "cell-num",
                cell: (r) => r.matchedFiles,
              },
              {
                key: "updated",
                header: t("yara.fields.updated"),
                className: "cell-nowrap",
                cell: (r) => formatDateTime(r.updatedAt, i18n.language),
              },
            ]}
          />
        ) : null}
      </Section>
    </>
  );
}
