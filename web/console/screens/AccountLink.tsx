import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountLinkDone, AccountLinkInfo } from "../../../contract/accounts.js";
import { ApiError, api, setCsrfToken } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Me } from "../../lib/api/types.js";
import { applyLanguage } from "../../lib/i18n/index.js";
import { Link, navigate } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { ME_KEY } from "../session.js";
import { TotpEnrolment } from "./account/TotpEnrolment.js";
import { AuthFrame } from "./AuthFrame.js";

type Step = { kind: "password" } | { kind: "totp" } | { kind: "done"; message: string };

/**
 * The page a mailed one-time link opens (/console/invite#…, /console/reset-password#…; a member's under
 * /member, with `home` and the frame's name for the member area): the person
 * chooses their own password; an invited person is then signed in and enrols two-step verification.
 * The page speaks the language the admin chose for the person until they switch.
 */
export function AccountLinkPage({ home = "/console", frameName }: { home?: string; frameName?: string } = {}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const token = window.location.hash.replace(/^#/, "");
  const link = useQuery({
    queryKey: ["account-link", token],
    queryFn: () => api<AccountLinkInfo>("POST", "/auth/account-link", { token }),
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
  });
  const info = link.data;
  // Once, when the link is read (its answer never changes): a later switch by the person stands.
  useEffect(() => {
    if (info) void applyLanguage(i18n, info.language);
  }, [info, i18n]);
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (password !== repeat) {
      setFieldError(t("accountLink.mismatch"));
      return;
    }
    setBusy(true);
    try {
      const done = await api<AccountLinkDone>("POST", "/auth/account-link/password", { token, password });
      if (done.purpose === "reset") {
        setStep({ kind: "done", message: t("accountLink.resetDone") });
        return;
      }
      try {
        const me = await api<Me>("POST", "/auth/login", { email: done.email, password });
        setCsrfToken(me.csrfToken);
        client.setQueryData(ME_KEY, me);
        setStep({ kind: "totp" });
      } catch {
        setStep({ kind: "done", message: t("accountLink.signInFailed") });
      }
    } catch (err) {
      setError(errorMessage(t, err));
      if (err instanceof ApiError) setFieldError(err.fieldErrors.password);
    } finally {
      setBusy(false);
    }
  };

  const invite = (info?.purpose ?? (window.location.pathname.endsWith("/invite") ? "invite" : "reset")) === "invite";
  const title = invite ? t("accountLink.inviteTitle") : t("accountLink.resetTitle");
  const toSignIn = (
    <Link to={home} className="btn btn-primary">
      {t("accountLink.toSignIn")}
    </Link>
  );

  let content;
  if (step.kind === "done") {
    content = (
      <>
        <Notice tone="success">{step.message}</Notice>
        {toSignIn}
      </>
    );
  } else if (step.kind === "totp") {
    content = (
      <>
        <h2>{t("accountLink.totpTitle")}</h2>
        <Notice tone="success">{t("accountLink.totpIntro")}</Notice>
        <TotpEnrolment
          onFinished={() => {
            void client.invalidateQueries({ queryKey: ME_KEY });
            navigate(home);
          }}
        />
      </>
    );
  } else if (!token) {
    content = <Notice tone="error">{t("accountLink.noToken")}</Notice>;
  } else if (link.isPending) {
    content = <p role="status">{t("accountLink.checking")}</p>;
  } else if (!info) {
    const invalid = link.error instanceof ApiError && link.error.code === "account_link_invalid";
    content = <Notice tone="error">{invalid ? t("accountLink.invalid") : errorMessage(t, link.error)}</Notice>;
  } else {
    content = (
      <>
        <p>{t("accountLink.greeting", { name: info.name, email: info.email })}</p>
        <p>{invite ? t("accountLink.inviteIntro") : t("accountLink.resetIntro")}</p>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <form onSubmit={(e) => void submit(e)}>
          {/* The account's address, for password managers to store the new password under. */}
          <input type="hidden" name="username" autoComplete="username" value={info.email} />
          <TextField
            label={t("accountLink.password")}
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
            hint={t("password.rules")}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError}
          />
          <TextField
            label={t("accountLink.repeat")}
            name="repeat"
            type="password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {invite ? t("accountLink.submitInvite") : t("accountLink.submitReset")}
            </Button>
          </div>
        </form>
      </>
    );
  }
  return (
    <AuthFrame title={title} name={frameName}>
      {content}
    </AuthFrame>
  );
}
