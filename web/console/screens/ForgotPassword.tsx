import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import { Button } from "../../lib/ui/Button.js";
import { TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";

/**
 * "Forgot your password?" inside the sign-in frame (console and member area): asks for a reset link by
 * mail. The server answers the same whether or not the address has an account, and so does this page.
 */
export function ForgotPassword({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api<null>("POST", "/auth/password-reset", { email });
      setSentTo(email.trim());
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo !== null)
    return (
      <>
        <Notice tone="success">{t("signIn.forgotSent", { email: sentTo })}</Notice>
        <div className="form-actions">
          <Button variant="quiet" onClick={onBack}>
            {t("signIn.backToSignIn")}
          </Button>
        </div>
      </>
    );
  return (
    <>
      <p>{t("signIn.forgotIntro")}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form onSubmit={(e) => void submit(e)}>
        <TextField
          label={t("signIn.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t("signIn.forgotSubmit")}
          </Button>
          <Button variant="quiet" onClick={onBack}>
            {t("signIn.backToSignIn")}
          </Button>
        </div>
      </form>
    </>
  );
}
