import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import { Link } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { AuthFrame } from "./AuthFrame.js";

/** First-admin setup from the one-time link printed at first start (/console/setup#<token>). */
export function Setup() {
  const { t } = useTranslation();
  const token = window.location.hash.replace(/^#/, "");
  const status = useQuery({
    queryKey: ["setup"],
    queryFn: () => api<{ needed: boolean }>("GET", "/setup"),
  });
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await api<{ email: string }>("POST", "/setup", { token, ...form });
      setDone(res.email);
    } catch (err) {
      setError(errorMessage(t, err));
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  const signInLink = (
    <Link to="/console" className="btn btn-primary">
      {t("setup.goToSignIn")}
    </Link>
  );

  let content;
  if (done) {
    content = (
      <>
        <Notice tone="success">{t("setup.done", { email: done })}</Notice>
        {signInLink}
      </>
    );
  } else if (status.isPending) {
    content = <p role="status">{t("common.loading")}</p>;
  } else if (status.data && !status.data.needed) {
    content = (
      <>
        <Notice tone="info">{t("setup.notNeeded")}</Notice>
        {signInLink}
      </>
    );
  } else if (!token) {
    content = <Notice tone="error">{t("setup.noToken")}</Notice>;
  } else {
    const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [k]: e.target.value }));
    content = (
      <>
        <p>{t("setup.intro")}</p>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <form onSubmit={(e) => void submit(e)}>
          <TextField
            label={t("users.name")}
            name="name"
            required
            autoComplete="name"
            value={form.name}
            onChange={set("name")}
            error={fieldErrors.name}
          />
          <TextField
            label={t("signIn.email")}
            name="email"
            type="email"
            required
            autoComplete="username"
            value={form.email}
            onChange={set("email")}
            error={fieldErrors.email}
          />
          <TextField
            label={t("signIn.password")}
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
            hint={t("password.rules")}
            value={form.password}
            onChange={set("password")}
            error={fieldErrors.password}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t("setup.submit")}
            </Button>
          </div>
        </form>
      </>
    );
  }
  return <AuthFrame title={t("setup.title")}>{content}</AuthFrame>;
}
