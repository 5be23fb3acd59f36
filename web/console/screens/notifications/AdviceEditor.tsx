import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdviceInput, AdviceText } from "../../../../contract/notifications.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { mayAdminister, notificationKeys, useAdvice } from "./api.js";

const EMPTY = { key: "", titleSv: "", titleEn: "", bodySv: "", bodyEn: "" };

/** The advice digests give per classification (sv/en): everyone reads, admins write. */
export function AdviceEditor({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const advice = useAdvice();
  const [draft, setDraft] = useState(EMPTY);
  const editing = mayAdminister(me);
  const save = useMutation({
    mutationFn: () => {
      const body: AdviceInput = {
        title: { sv: draft.titleSv, en: draft.titleEn },
        body: { sv: draft.bodySv, en: draft.bodyEn },
      };
      return api<AdviceText>("PUT", `/notifications/advice/${encodeURIComponent(draft.key.trim())}`, body);
    },
    onSuccess: () => {
      setDraft(EMPTY);
      void client.invalidateQueries({ queryKey: notificationKeys.advice });
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const pick = (a: AdviceText) =>
    setDraft({ key: a.key, titleSv: a.title.sv, titleEn: a.title.en, bodySv: a.body.sv, bodyEn: a.body.en });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const field = (name: keyof typeof EMPTY) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  return (
    <Section title={t("notifications.advice.title")} id="notification-advice">
      <p className="cell-sub">{t("notifications.advice.intro")}</p>
      {advice.isError ? <Notice tone="error">{errorMessage(t, advice.error)}</Notice> : null}
      <ul className="plain-list">
        {(advice.data?.items ?? []).map((a) => (
          <li key={a.key}>
            <strong>{a.key}</strong> — {i18n.language === "en" ? a.title.en : a.title.sv}{" "}
            {editing ? (
              <Button
                variant="quiet"
                onClick={() => pick(a)}
                aria-label={t("notifications.advice.editKey", { key: a.key })}
              >
                {t("notifications.advice.edit")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <form className="feeds-form" onSubmit={submit}>
          {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
          {save.isSuccess ? <Notice tone="success">{t("notifications.advice.saved")}</Notice> : null}
          <TextField
            label={t("notifications.advice.key")}
            hint={t("notifications.advice.keyHint")}
            required
            {...field("key")}
          />
          <TextField
            label={t("notifications.advice.titleSv")}
            error={fieldErrors["title.sv"]}
            required
            {...field("titleSv")}
          />
          <TextField
            label={t("notifications.advice.titleEn")}
            error={fieldErrors["title.en"]}
            required
            {...field("titleEn")}
          />
          <TextAreaField
            label={t("notifications.advice.bodySv")}
            error={fieldErrors["body.sv"]}
            rows={5}
            required
            {...field("bodySv")}
          />
          <TextAreaField
            label={t("notifications.advice.bodyEn")}
            error={fieldErrors["body.en"]}
            rows={5}
            required
            {...field("bodyEn")}
          />
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t("notifications.advice.save")}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
