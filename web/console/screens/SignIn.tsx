import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, setCsrfToken } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Me } from "../../lib/api/types.js";
import { Button } from "../../lib/ui/Button.js";
import { TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { ME_KEY } from "../session.js";
import { AuthFrame } from "./AuthFrame.js";
import { ForgotPassword } from "./ForgotPassword.js";

/**
 * Sign-in: e-mail and password, then a TOTP or recovery code when the account has 2FA; "forgot your
 * password?" asks for a reset link by mail instead.
 */
export function SignIn({ title, frameName, intro }: { title?: string; frameName?: string; intro?: string } = {}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "totp" | "forgot">("password");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === "totp") codeRef.current?.focus();
  }, [step]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = step === "totp" ? { email, password, totp: code.replace(/\s+/g, "") } : { email, password };
      const me = await api<Me>("POST", "/auth/login", body);
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
    } catch (err) {
      if (err instanceof ApiError && err.code === "totp_required") {
        setStep("totp");
      } else {
        if (err instanceof ApiError && err.code === "invalid_credentials") setStep("password");
        setError(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep("password");
    setCode("");
    setError(null);
  };

  if (step === "forgot")
    return (
      <AuthFrame title={t("signIn.forgot")} name={frameName}>
        <ForgotPassword initialEmail={email} onBack={back} />
      </AuthFrame>
    );
  return (
    <AuthFrame title={title ?? t("signIn.title")} name={frameName}>
      {intro ? <p>{intro}</p> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        {step === "password" ? (
          <>
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
            <TextField
              label={t("signIn.password")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        ) : (
          <>
            <p>{t("signIn.totpIntro")}</p>
            <TextField
              ref={codeRef}
              label={t("signIn.code")}
              name="totp"
              autoComplete="one-time-code"
              inputMode="text"
              spellCheck={false}
              required
              hint={t("signIn.codeHint")}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {step === "totp" ? t("signIn.verify") : t("signIn.submit")}
          </Button>
          {step === "totp" ? (
            <Button variant="quiet" onClick={back}>
              {t("common.back")}
            </Button>
          ) : (
            <Button variant="quiet" onClick={() => setStep("forgot")}>
              {t("signIn.forgot")}
            </Button>
          )}
        </div>
      </form>
    </AuthFrame>
  );
}
