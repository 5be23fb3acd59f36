import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";

/** Changes the person's own password (current one required). */
export function PasswordSection() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [revokeTokens, setRevokeTokens] = useState(false);
  const change = useMutation({
    mutationFn: () => api("POST", "/auth/password", { currentPassword, newPassword, revokeTokens }),
    onSuccess: () => {
      setCurrent("");
      setNew("");
      setRepeat("");
      setRevokeTokens(false);
    },
  });
  const fieldErrors = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = newPassword !== repeat;
    setMismatch(differs);
    if (!differs) change.mutate();
  };
  return (
    <Section title={t("account.password.title")} id="password">
      {change.isSuccess ? <Notice tone="success">{t("account.password.changed")}</Notice> : null}
      {change.isError ? <Notice tone="error">{errorMessage(t, change.error)}</Notice> : null}
      <form onSubmit={submit}>
        <TextField
          label={t("account.password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldErrors.currentPassword}
        />
        <TextField
          label={t("account.password.new")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint={t("password.rules")}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={fieldErrors.newPassword}
        />
        <TextField
          label={t("account.password.repeat")}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch ? t("account.password.mismatch") : undefined}
        />
        <CheckboxField
          label={t("account.password.revokeTokens")}
          name="revokeTokens"
          checked={revokeTokens}
          onChange={(e) => setRevokeTokens(e.target.checked)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            {t("account.password.submit")}
          </Button>
        </div>
      </form>
    </Section>
  );
}
