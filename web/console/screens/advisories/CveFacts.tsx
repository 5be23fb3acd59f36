import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "../../../lib/router.js";
import type { Vulnerability } from "../../../../contract/vulnerabilities.js";
import { api } from "../../../lib/api/client.js";
import { vulnKeys, vulnerabilityHref } from "../vulnerabilities/api.js";

/**
 * The advisory's CVEs as vulnerability monitoring knows them now: CVSS, KEV (date added, ransomware use)
 * and EPSS — what publishing pulls into the public page and the CSAF document.
 */
export function CveFacts({ cves }: { cves: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const results = useQueries({
    queries: cves.map((cve) => ({
      queryKey: vulnKeys.one(cve),
      queryFn: () => api<Vulnerability>("GET", `/vulnerabilities/${encodeURIComponent(cve)}`),
      retry: false,
    })),
  });
  if (cves.length === 0) return null;
  const number = (n: number, digits: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: digits });
  return (
    <table className="cve-facts">
      <caption>{t("advisories.cveFacts.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">CVE</th>
          <th scope="col">{t("advisories.cveFacts.cvss")}</th>
          <th scope="col">{t("advisories.cveFacts.kev")}</th>
          <th scope="col">{t("advisories.cveFacts.epss")}</th>
        </tr>
      </thead>
      <tbody>
        {cves.map((cve, i) => {
          const r = results[i];
          const v = r?.data;
          if (!v)
            return (
              <tr key={cve}>
                <th scope="row">{cve}</th>
                <td colSpan={3}>
                  {r?.isPending ? t("advisories.cveFacts.loading") : t("advisories.cveFacts.unknown")}
                </td>
              </tr>
            );
          return (
            <tr key={cve}>
              <th scope="row">
                <Link to={vulnerabilityHref(cve)}>{cve}</Link>
              </th>
              <td>{v.cvss ? `${number(v.cvss.baseScore, 1)} (CVSS ${v.cvss.version})` : "–"}</td>
              <td>
                {v.kev
                  ? [
                      t("advisories.cveFacts.added", { date: v.kev.dateAdded }),
                      v.kev.knownRansomwareCampaignUse === "Known" ? t("advisories.cveFacts.ransomware") : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")
                  : t("advisories.cveFacts.notInKev")}
              </td>
              <td>
                {v.epss
                  ? t("advisories.cveFacts.epssValue", {
                      score: number(v.epss.score, 3),
                      percentile: number(v.epss.percentile, 3),
                      date: v.epss.date,
                    })
                  : "–"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
