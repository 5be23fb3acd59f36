import { useTranslation } from "react-i18next";
import type { VulnerabilitySummary } from "../../../../contract/vulnerabilities.js";
import { Link } from "../../../lib/router.js";
import { Badge } from "../../../lib/ui/Notice.js";
import type { Column } from "../../../lib/ui/Table.js";
import { vulnerabilityHref } from "./api.js";

/** An EPSS probability as a percentage ("94.4 %"), in the reader's number format. */
export function percent(value: number, language: string): string {
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(value);
}

/** The KEV mark: in the catalogue (with ransomware use when known). */
export function KevBadge({ kev }: { kev: VulnerabilitySummary["kev"] }) {
  const { t } = useTranslation();
  if (!kev) return null;
  return (
    <>
      <Badge tone="bad">{t("vulnerabilities.kev")}</Badge>
      {kev.knownRansomwareCampaignUse === "Known" ? <Badge tone="bad">{t("vulnerabilities.ransomware")}</Badge> : null}
    </>
  );
}

/** The columns every vulnerability table shares: CVE (linked), title, CVSS, KEV, EPSS. */
export function useSummaryColumns<T extends VulnerabilitySummary>(): Column<T>[] {
  const { t, i18n } = useTranslation();
  return [
    {
      key: "cve",
      header: t("vulnerabilities.cve"),
      className: "cell-nowrap",
      cell: (v) => <Link to={vulnerabilityHref(v.cve)}>{v.cve}</Link>,
    },
    { key: "title", header: t("vulnerabilities.title"), cell: (v) => v.title ?? "—" },
    {
      key: "cvss",
      header: t("vulnerabilities.cvss"),
      className: "cell-num",
      cell: (v) => (v.cvss ? `${v.cvss.baseScore.toFixed(1)} (${v.cvss.version})` : "—"),
    },
    {
      key: "kev",
      header: t("vulnerabilities.kevColumn"),
      cell: (v) =>
        v.kev ? (
          <>
            <KevBadge kev={v.kev} /> <span className="cell-sub">{v.kev.dateAdded}</span>
          </>
        ) : (
          "—"
        ),
    },
    {
      key: "epss",
      header: t("vulnerabilities.epss"),
      className: "cell-num",
      cell: (v) => (v.epss ? percent(v.epss.score, i18n.language) : "—"),
    },
  ];
}
