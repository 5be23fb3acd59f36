import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../lib/api/types.js";
import { Button } from "../../lib/ui/Button.js";
import { Notice } from "../../lib/ui/Notice.js";
import { ME_KEY, useSignOut } from "../session.js";
import { TotpEnrolment } from "./account/TotpEnrolment.js";
import { AuthFrame } from "./AuthFrame.js";

/** Shown instead of the console while the admin requires 2FA and this person has none yet. */
export function ForcedEnrolment({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const signOut = useSignOut();
  return (
    <AuthFrame title={t("forcedTotp.title")}>
      <Notice tone="info">{t("forcedTotp.intro", { email: me.email })}</Notice>
      <TotpEnrolment onFinished={() => void client.invalidateQueries({ queryKey: ME_KEY })} />
      <p className="auth-foot">
        <Button variant="quiet" onClick={() => void signOut()}>
          {t("nav.signOut")}
        </Button>
      </p>
    </AuthFrame>
  );
}
