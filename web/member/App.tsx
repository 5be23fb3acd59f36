import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/api/errors.js";
import { usePath } from "../lib/router.js";
import { Button } from "../lib/ui/Button.js";
import { Notice } from "../lib/ui/Notice.js";
import { AccountLinkPage } from "../console/screens/AccountLink.js";
import { AuthFrame } from "../console/screens/AuthFrame.js";
import { ForcedEnrolment } from "../console/screens/ForcedEnrolment.js";
import { SignIn } from "../console/screens/SignIn.js";
import { useMe } from "../console/session.js";
import { MemberShell } from "./MemberShell.js";

/**
 * The member area (/member), served by the public role: a mailed link, sign-in (with TOTP), enrolment of
 * two-step verification (always, for members), or the member's pages. Sign-in and the link's page are the
 * console's, framed for the member area.
 */
export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const me = useMe();
  const name = t("member.name");

  if (path === "/member/invite" || path === "/member/reset-password")
    return <AccountLinkPage home="/member" frameName={name} />;
  if (me.isPending)
    return (
      <p className="splash" role="status">
        {t("common.loading")}
      </p>
    );
  if (me.isError)
    return (
      <main className="splash">
        <Notice tone="error">{errorMessage(t, me.error)}</Notice>
        <Button onClick={() => void me.refetch()}>{t("common.retry")}</Button>
      </main>
    );
  if (!me.data) return <SignIn title={t("member.signInTitle")} frameName={name} />;
  if (me.data.kind !== "member")
    return (
      <AuthFrame title={name} name={name}>
        <Notice tone="info">{t("member.staffHere")}</Notice>
      </AuthFrame>
    );
  if (me.data.mustEnrolTotp) return <ForcedEnrolment me={me.data} />;
  return <MemberShell me={me.data} path={path} />;
}
