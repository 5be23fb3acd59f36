import { useTranslation } from "react-i18next";
import type { MailAuthView } from "../../../../contract/intake-staff.js";
import { Badge } from "../../../lib/ui/Notice.js";

const TONE: Record<string, "good" | "bad" | "warn" | "neutral"> = {
  pass: "good",
  fail: "bad",
  softfail: "warn",
  permerror: "warn",
  temperror: "warn",
};

/**
 * SPF, DKIM and DMARC as the receiving MTA (a trusted authserv-id) recorded them, or a note that no
 * trusted verdict exists: a From address alone proves nothing.
 */
export function MailAuthBadges({ auth }: { auth: MailAuthView | null }) {
  const { t } = useTranslation();
  if (!auth) return <span className="mail-auth mail-auth-none">{t("reports.mail.auth.none")}</span>;
  return (
    <span className="mail-auth badges" title={t("reports.mail.auth.by", { id: auth.authservId })}>
      {(["spf", "dkim", "dmarc"] as const).map((method) => {
        const result = auth[method];
        return (
          <Badge key={method} tone={result ? (TONE[result] ?? "neutral") : "neutral"}>
            {method.toUpperCase()}: {result ?? "—"}
          </Badge>
        );
      })}
    </span>
  );
}
