import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { AuditVerification } from "../../lib/api/types.js";
import { Button } from "../../lib/ui/Button.js";
import { Notice } from "../../lib/ui/Notice.js";

/** Checks the audit trail's hash chain on demand and says whether it is intact or where it breaks. */
export function AuditVerify() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api<AuditVerification>("GET", "/audit/verify") });
  const result = verify.data;
  return (
    <div className="verify">
      <Button onClick={() => verify.mutate()} busy={verify.isPending}>
        {t("audit.verify")}
      </Button>
      {verify.isError ? <Notice tone="error">{errorMessage(t, verify.error)}</Notice> : null}
      {result?.ok ? (
        <Notice tone="success">
          {t("audit.verifyOk", { count: result.entries })}
          {result.unsealed > 0 ? ` ${t("audit.verifyUnsealed", { count: result.unsealed })}` : ""}
        </Notice>
      ) : null}
      {result && !result.ok ? (
        <Notice tone="error">
          {t(result.brokenAt === undefined ? "audit.verifyFault" : "audit.verifyBroken", {
            entry: result.brokenAt,
            reason: result.reason ? t(`audit.reasons.${result.reason}`) : "",
          })}
        </Notice>
      ) : null}
    </div>
  );
}
