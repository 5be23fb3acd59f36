import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/api/errors.js";
import { usePath } from "../lib/router.js";
import { Button } from "../lib/ui/Button.js";
import { Notice } from "../lib/ui/Notice.js";
import { AccountLinkPage } from "./screens/AccountLink.js";
import { ForcedEnrolment } from "./screens/ForcedEnrolment.js";
import { Setup } from "./screens/Setup.js";
import { Shell } from "./screens/Shell.js";
import { SignIn } from "./screens/SignIn.js";
import { useMe } from "./session.js";

/** The console: setup, a mailed account link, sign-in, forced 2FA enrolment, or the signed-in shell. */
export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const me = useMe();

  if (path === "/console/setup") return <Setup />;
  if (path === "/console/invite" || path === "/console/reset-password") return <AccountLinkPage />;
  if (me.isPending) {
    return (
      <p className="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (me.isError) {
    return (
      <main className="splash">
        <Notice tone="error">{errorMessage(t, me.error)}</Notice>
        <Button onClick={() => void me.refetch()}>{t("common.retry")}</Button>
      </main>
    );
  }
  if (!me.data) return <SignIn />;
  if (me.data.mustEnrolTotp) return <ForcedEnrolment me={me.data} />;
  return <Shell me={me.data} path={path} />;
}
