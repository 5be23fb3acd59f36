import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { TotpEnrolment as Enrolment } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { CopyButton } from "./CopyButton.js";

// Groups of four are easier to type into an authenticator app by hand.
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/**
 * TOTP enrolment in three steps: start (server makes a secret), scan the QR code or type the
 * secret and confirm with a code, then see the ten recovery codes once. `onFinished` runs only
 * after the person has seen them, so the codes are not lost to a re-render.
 */
export function TotpEnrolment({ onFinished, onConfirmed }: { onFinished: () => void; onConfirmed?: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const start = useMutation({ mutationFn: () => api<Enrolment>("POST", "/auth/totp/enrol") });
  const confirm = useMutation({
    mutationFn: () =>
      api<{ recoveryCodes: string[] }>("POST", "/auth/totp/confirm", { code: code.replace(/\s+/g, "") }),
    onSuccess: () => onConfirmed?.(),
  });

  if (confirm.data) {
    const codes = confirm.data.recoveryCodes;
    return (
      <div className="totp">
        <Notice tone="success">{t("account.totp.enabled")}</Notice>
        <h3>{t("account.totp.recoveryTitle")}</h3>
        <p>{t("account.totp.recoveryHelp")}</p>
        <ol className="recovery-codes" aria-label={t("account.totp.recoveryTitle")}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <CopyButton text={codes.join("\n")} label={t("account.totp.copyCodes")} />
          <Button variant="primary" onClick={onFinished}>
            {t("account.totp.savedCodes")}
          </Button>
        </div>
      </div>
    );
  }

  if (!start.data) {
    return (
      <div className="totp">
        <p>{t("account.totp.intro")}</p>
        {start.isError ? <Notice tone="error">{errorMessage(t, start.error)}</Notice> : null}
        <Button variant="primary" onClick={() => start.mutate()} busy={start.isPending}>
          {t("account.totp.start")}
        </Button>
      </div>
    );
  }

  const enrolment = start.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const codeError =
    confirm.error instanceof ApiError && confirm.error.code === "totp_invalid" ? t("errors.totp_invalid") : undefined;
  return (
    <div className="totp">
      <ol className="steps">
        <li>{t("account.totp.stepScan")}</li>
        <li>{t("account.totp.stepCode")}</li>
      </ol>
      <div className="totp-setup">
        <img className="qr" src={enrolment.qrDataUrl} alt={t("account.totp.qrAlt")} width="180" height="180" />
        <div>
          <p className="field-hint">{t("account.totp.secretLabel")}</p>
          <p>
            <code className="secret" data-testid="totp-secret">
              {grouped(enrolment.secret)}
            </code>
          </p>
          <CopyButton text={enrolment.secret} />
        </div>
      </div>
      {confirm.isError && !codeError ? <Notice tone="error">{errorMessage(t, confirm.error)}</Notice> : null}
      <form onSubmit={submit}>
        <TextField
          className="field-short"
          label={t("account.totp.code")}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={codeError}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={confirm.isPending}>
            {t("account.totp.confirm")}
          </Button>
        </div>
      </form>
    </div>
  );
}
