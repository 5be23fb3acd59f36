import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { EscalationList } from "../../../../contract/oncall.js";
import { api, query } from "../../../lib/api/client.js";
import { formatDateTime } from "../../../lib/time.js";
import { oncallKeys } from "./api.js";

/** On a report's page: whether it paged the duty officers, and who acknowledged the page and how. */
export function ReportPaging({ reference }: { reference: string }) {
  const { t, i18n } = useTranslation();
  const escalations = useQuery({
    queryKey: [...oncallKeys.escalations, reference],
    queryFn: () => api<EscalationList>("GET", `/oncall/escalations${query({ subject: reference })}`),
  });
  const e = escalations.data?.items.find((x) => x.trigger === "report-overdue");
  if (!e) return null;
  const at = formatDateTime(e.startedAt, i18n.language);
  return (
    <p className="report-paging">
      {e.acknowledged
        ? t("oncallOps.report.paged", { at, count: e.deliveries.length })
        : t("oncallOps.report.pagedOpen", { at })}
      {e.acknowledged
        ? ` ${t("oncall.escalation.acknowledgedBy", {
            name: e.acknowledged.by?.name ?? "—",
            how: t(`oncall.methods.${e.acknowledged.method}`),
          })}`
        : null}
    </p>
  );
}
