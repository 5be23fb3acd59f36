import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { SecuritySettings, User } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { Notice } from "../../lib/ui/Notice.js";

/**
 * In the user form: resets another user's two-step verification (a lost phone and lost recovery
 * codes), after a confirmation that says what follows. One's own is changed on My account.
 */
export function ResetTotp({ user, isSelf, onDone }: { user: User; isSelf: boolean; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const warningId = useId();
  const openerId = useId();
  // Focus follows the step, so a keyboard user is never left on a button that just disappeared.
  const focusAfter = useRef<"warning" | "opener" | null>(null);
  // Same key as the Security screen: the confirmation says whether the user must enrol again.
  const settings = useQuery({
    queryKey: ["settings", "security"],
    queryFn: () => api<SecuritySettings>("GET", "/settings/security"),
    enabled: !isSelf,
  });
  const reset = useMutation({
    mutationFn: () => api("POST", `/users/${user.id}/totp/reset`),
    onSuccess: () => {
      // Close first, then refresh the list (as the other user actions do).
      onDone(t("users.totpReset.done", { email: user.email, name: user.name }));
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  useEffect(() => {
    const target = focusAfter.current === "warning" ? warningId : focusAfter.current === "opener" ? openerId : null;
    focusAfter.current = null;
    if (target) document.getElementById(target)?.focus();
  }, [confirming, warningId, openerId]);

  const step = (next: boolean) => {
    focusAfter.current = next ? "warning" : "opener";
    reset.reset();
    setConfirming(next);
  };

  return (
    <div className="totp-reset">
      <h3>{t("users.totpReset.title")}</h3>
      {isSelf ? (
        <p className="muted">
          {t("users.totpReset.own")} <Link to="/console/account">{t("nav.account")}</Link>.
        </p>
      ) : confirming ? (
        <Notice tone="warning">
          <p id={warningId} tabIndex={-1}>
            {t("users.totpReset.confirm", { name: user.name })}{" "}
            {settings.data?.requireTotp ? t("users.totpReset.mustEnrol") : t("users.totpReset.passwordOnly")}
          </p>
          <p>{t("users.totpReset.checkIdentity", { name: user.name })}</p>
          {reset.isError ? <Notice tone="error">{errorMessage(t, reset.error)}</Notice> : null}
          <div className="form-actions">
            <Button variant="danger" busy={reset.isPending} onClick={() => reset.mutate()}>
              {t("users.totpReset.yes")}
            </Button>
            <Button variant="quiet" onClick={() => step(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        </Notice>
      ) : (
        <Button id={openerId} variant="danger" onClick={() => step(true)}>
          {t("users.totpReset.start")}
        </Button>
      )}
    </div>
  );
}
