import { useTranslation } from "react-i18next";
import type { OperationsAttention as Attention } from "../../../../contract/dashboard.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { useAuditWords } from "../audit-words.js";
import { CountTiles } from "./CountTiles.js";
import { NodeList } from "./NodeList.js";

/** For administrators: failed jobs, mail that did not go out, and the latest audit entries in words. */
export function OperationsAttention({ ops }: { ops: Attention }) {
  const { t, i18n } = useTranslation();
  const words = useAuditWords();
  return (
    <>
      <CountTiles
        label={t("landing.ops.title")}
        tiles={[
          {
            key: "failedJobs",
            label: t("landing.ops.failedJobs"),
            value: ops.failedJobs,
            tone: ops.failedJobs > 0 ? "alert" : "neutral",
            to: "/console/jobs",
          },
          {
            key: "failedMail",
            label: t("landing.ops.failedMail"),
            value: ops.failedMail,
            tone: ops.failedMail > 0 ? "alert" : "neutral",
            to: "/console/outbox",
          },
          {
            key: "stuckMail",
            label: t("landing.ops.stuckMail"),
            value: ops.stuckMail,
            tone: ops.stuckMail > 0 ? "alert" : "neutral",
            to: "/console/outbox",
          },
        ]}
      />
      <h3>{t("landing.ops.latestAudit")}</h3>
      <ul className="plain-list" data-testid="latest-audit">
        {ops.latestAudit.map((e) => (
          <li key={e.id}>
            <span className="muted">{formatDateTime(e.at, i18n.language)}</span> {words.actor(e)}: {words.action(e)}
            {words.target(e) ? ` · ${words.target(e)}` : ""}
          </li>
        ))}
      </ul>
      <Link to="/console/audit">{t("landing.ops.toAudit")}</Link>
      <NodeList nodes={ops.nodes} workerRunning={ops.workerRunning} />
    </>
  );
}
