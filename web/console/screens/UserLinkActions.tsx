import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { User } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { CheckboxField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";

/**
 * In the user form: mails the person a one-time link — the invitation again while they have not
 * accepted it, else a link to choose a new password. The admin never sets or learns a password.
 */
export function UserLinkActions({
  user,
  isSelf,
  onDone,
}: {
  user: User;
  isSelf: boolean;
  onDone: (msg: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [revokeTokens, setRevokeTokens] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      user.invited
        ? api<{ expiresAt: string }>("POST", `/users/${user.id}/invitation`)
        : api<{ expiresAt: string }>("POST", `/users/${user.id}/password-reset`, { revokeTokens }),
    onSuccess: ({ expiresAt }) => {
      const until = formatDateTime(expiresAt, i18n.language);
      onDone(
        user.invited
          ? t("userLinks.invitationSent", { email: user.email, until })
          : t("userLinks.resetSent", { email: user.email, until }),
      );
    },
  });
  if (user.disabled) return null;
  return (
    <div className="user-links">
      <h3>{user.invited ? t("userLinks.invitationTitle") : t("userLinks.resetTitle")}</h3>
      {send.isError ? <Notice tone="error">{errorMessage(t, send.error)}</Notice> : null}
      {user.invited ? (
        <>
          <p className="muted">{t("userLinks.invitationHelp", { name: user.name })}</p>
          <Button busy={send.isPending} onClick={() => send.mutate()}>
            {t("userLinks.resendInvitation")}
          </Button>
        </>
      ) : isSelf ? (
        <p className="muted">
          {t("userLinks.own")} <Link to="/console/account">{t("nav.account")}</Link>.
        </p>
      ) : (
        <>
          <p className="muted">{t("userLinks.resetHelp", { name: user.name })}</p>
          <CheckboxField
            label={t("userLinks.revokeTokens")}
            checked={revokeTokens}
            onChange={(e) => setRevokeTokens(e.target.checked)}
          />
          <Button busy={send.isPending} onClick={() => send.mutate()}>
            {t("userLinks.sendReset")}
          </Button>
        </>
      )}
    </div>
  );
}
