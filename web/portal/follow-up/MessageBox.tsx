import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { sendFollowUpMessage } from "../../lib/api/public.js";
import { AttachmentPicker } from "../../lib/intake/AttachmentPicker.js";
import { Button } from "../../lib/ui/Button.js";
import { TextAreaField } from "../../lib/ui/Choice.js";
import { Notice } from "../../lib/ui/Notice.js";
import { portalErrorMessage } from "../report/portal-errors.js";

/** The reporter writes to the CERT, with files if they like. */
export function MessageBox({ token, onSent }: { token: string; onSent: () => Promise<void> }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    setFailure(null);
    if (body.trim() === "") {
      setError(t("intake.errors.required"));
      document.getElementById("follow-up-body")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await sendFollowUpMessage(token, { body }, files);
      setBody("");
      setFiles([]);
      setSent(true);
      await onSent();
    } catch (err) {
      setFailure(portalErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="write-title" className="write-part">
      <h2 id="write-title">{t("followUp.writeTitle")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          id="follow-up-body"
          label={t("followUp.message")}
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={error}
        />
        <AttachmentPicker files={files} onChange={setFiles} label={t("attachments.label")} id="follow-up-files" />
        {failure ? <Notice tone="error">{failure}</Notice> : null}
        {sent ? <Notice tone="success">{t("followUp.sent")}</Notice> : null}
        <div className="form-submit">
          <Button type="submit" variant="primary" busy={busy}>
            {t("followUp.send")}
          </Button>
        </div>
      </form>
    </section>
  );
}
