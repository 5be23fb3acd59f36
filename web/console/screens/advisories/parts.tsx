import { useTranslation } from "react-i18next";
import type { AdvisoryStatus } from "../../../../contract/advisories.js";
import { Badge } from "../../../lib/ui/Notice.js";

const TONES: Record<AdvisoryStatus, "neutral" | "good" | "warn"> = {
  draft: "neutral",
  in_review: "warn",
  approved: "good",
  scheduled: "good",
  published: "good",
};

/** Where the advisory stands in the workflow, in words. */
export function StatusBadge({ status }: { status: AdvisoryStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`advisories.statuses.${status}`)}</Badge>;
}

/** "CVE-2024-1, CVE-2024-2" or spaces or lines → the ids (the server checks each). */
export const parseList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** One product a line: "Vendor; Product; version, version". */
export function parseProducts(text: string): { vendor: string; product: string; versions?: string[] }[] {
  return text
    .split("\n")
    .map((line) => line.split(";").map((p) => p.trim()))
    .filter((parts) => parts.some(Boolean))
    .map(([vendor = "", product = "", versions = ""]) => {
      const list = versions
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      return { vendor, product, ...(list.length > 0 ? { versions: list } : {}) };
    });
}

export const formatProducts = (products: { vendor: string; product: string; versions?: string[] | undefined }[]) =>
  products.map((p) => [p.vendor, p.product, (p.versions ?? []).join(", ")].join("; ")).join("\n");
