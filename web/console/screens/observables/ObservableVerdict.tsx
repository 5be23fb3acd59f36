import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ObservableDetail, ObservableTag, type ObservableUpdate } from "../../../../contract/observables.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { RadioGroup } from "../../../lib/ui/Choice.js";
import { CheckboxField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { observableKeys } from "./api.js";

type TagChoice = ObservableTag | "none";
const TAG_CHOICES: readonly TagChoice[] = [...ObservableTag.options, "none"];

/**
 * An analyst's verdict (malicious / benign / false positive) and "do not correlate", saved with the
 * version read: a change someone else made meanwhile is shown, never overwritten. Observers read it only.
 */
export function ObservableVerdict({ observable, mayJudge }: { observable: ObservableDetail; mayJudge: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (change: ObservableUpdate) =>
      api<ObservableDetail>("PATCH", `/observables/${encodeURIComponent(observable.id)}`, change),
    onMutate: () => setSaved(false),
    onSuccess: () => setSaved(true),
    // After a conflict too: show what is stored now.
    onSettled: () => void client.invalidateQueries({ queryKey: observableKeys.all }),
  });
  const conflict = save.error instanceof ApiError && save.error.code === "version_conflict";
  return (
    <Section title={t("observables.verdict.title")} id="verdict">
      {conflict ? <Notice tone="warning">{t("observables.verdict.conflict")}</Notice> : null}
      {save.isError && !conflict ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      {saved ? <Notice tone="success">{t("observables.verdict.saved")}</Notice> : null}
      {mayJudge ? (
        <VerdictForm
          key={observable.version}
          observable={observable}
          busy={save.isPending}
          onSave={(change) => save.mutate({ ...change, version: observable.version })}
        />
      ) : (
        <dl className="facts">
          <dt>{t("observables.verdict.tag")}</dt>
          <dd>{t(`observables.tagChoice.${observable.tag ?? "none"}`)}</dd>
          <dt>{t("observables.doNotCorrelate")}</dt>
          <dd>{observable.doNotCorrelate ? t("observables.yes") : t("observables.no")}</dd>
        </dl>
      )}
    </Section>
  );
}

function VerdictForm({
  observable,
  busy,
  onSave,
}: {
  observable: ObservableDetail;
  busy: boolean;
  onSave: (change: Omit<ObservableUpdate, "version">) => void;
}) {
  const { t } = useTranslation();
  const [tag, setTag] = useState<TagChoice>(observable.tag ?? "none");
  const [doNotCorrelate, setDoNotCorrelate] = useState(observable.doNotCorrelate);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ tag: tag === "none" ? null : tag, doNotCorrelate });
  };
  return (
    <form onSubmit={submit} className="obs-verdict">
      <RadioGroup<TagChoice>
        id="observable-tag"
        name="observable-tag"
        legend={t("observables.verdict.tag")}
        inline
        value={tag}
        onChange={setTag}
        options={TAG_CHOICES.map((c) => ({ value: c, label: t(`observables.tagChoice.${c}`) }))}
      />
      <CheckboxField
        role="switch"
        label={t("observables.verdict.doNotCorrelate")}
        checked={doNotCorrelate}
        aria-describedby="observable-dnc-help"
        onChange={(e) => setDoNotCorrelate(e.target.checked)}
      />
      <p id="observable-dnc-help" className="field-hint">
        {t("observables.verdict.doNotCorrelateHelp")}
      </p>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t("observables.verdict.save")}
        </Button>
      </div>
    </form>
  );
}
