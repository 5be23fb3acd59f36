import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TAXONOMY_TAGS, type ValueTagList } from "../../../../contract/observable-tags.js";
import type { ObservableDetail } from "../../../../contract/observables.js";
import { ApiError, api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { observableKeys } from "./api.js";
import { tagHref } from "./index-params.js";

type Change = { add: string } | { remove: string };

/**
 * A value's tags with who added each and when; analysts add free tags or machine tags (tlp, PAP, rsit,
 * suggested while typing) and remove them. Observers read them only.
 */
export function ValueTags({ observable, mayTag }: { observable: ObservableDetail; mayTag: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [done, setDone] = useState<Change | null>(null);
  const path = `/observables/${encodeURIComponent(observable.id)}/tags`;
  const change = useMutation({
    mutationFn: (c: Change) =>
      "add" in c
        ? api<ValueTagList>("POST", path, { tag: c.add })
        : api<ValueTagList>("DELETE", `${path}${query({ tag: c.remove })}`),
    onMutate: () => setDone(null),
    onSuccess: (_list, c) => setDone(c),
    onSettled: () => void client.invalidateQueries({ queryKey: observableKeys.all }),
  });
  const fieldError =
    change.error instanceof ApiError && change.error.code === "observable_tag_invalid"
      ? errorMessage(t, change.error)
      : undefined;
  return (
    <Section title={t("observables.tagging.title")} id="tags">
      {change.isError && fieldError === undefined ? (
        <Notice tone="error">{errorMessage(t, change.error)}</Notice>
      ) : null}
      {done ? (
        <Notice tone="success">
          {"add" in done
            ? t("observables.tagging.added", { tag: done.add })
            : t("observables.tagging.removed", { tag: done.remove })}
        </Notice>
      ) : null}
      {observable.tags.length === 0 ? <p className="empty">{t("observables.tagging.none")}</p> : null}
      <ul className="plain-list obs-tag-list" aria-label={t("observables.tagging.listOf", { value: observable.value })}>
        {observable.tags.map((tag) => (
          <li key={tag.tag}>
            <Link to={tagHref(tag.tag)} className="obs-tag" title={t("observables.tagging.filterBy", { tag: tag.tag })}>
              {tag.tag}
            </Link>
            <span className="cell-sub">
              {t(tag.addedBy.kind === "system" ? "observables.tagging.bySystem" : "observables.tagging.byUser", {
                name: tag.addedBy.name,
                at: formatDateTime(tag.addedAt, i18n.language),
              })}
            </span>
            {mayTag ? (
              <Button
                variant="quiet"
                busy={
                  change.isPending &&
                  change.variables !== undefined &&
                  "remove" in change.variables &&
                  change.variables.remove === tag.tag
                }
                aria-label={t("observables.tagging.removeOne", { tag: tag.tag })}
                onClick={() => change.mutate({ remove: tag.tag })}
              >
                {t("observables.case.remove")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayTag ? (
        <AddTagForm
          key={done && "add" in done ? done.add : ""}
          busy={change.isPending}
          error={fieldError}
          onAdd={(tag) => change.mutate({ add: tag })}
        />
      ) : null}
    </Section>
  );
}

function AddTagForm({ busy, error, onAdd }: { busy: boolean; error?: string; onAdd: (tag: string) => void }) {
  const { t } = useTranslation();
  const [tag, setTag] = useState("");
  const suggestions = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tag.trim() !== "") onAdd(tag.trim());
  };
  return (
    <form className="obs-tag-form" onSubmit={submit}>
      <TextField
        label={t("observables.tagging.add")}
        hint={t("observables.tagging.addHint")}
        error={error}
        value={tag}
        maxLength={128}
        autoComplete="off"
        spellCheck={false}
        list={suggestions}
        onChange={(e) => setTag(e.target.value)}
      />
      <datalist id={suggestions}>
        {TAXONOMY_TAGS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <Button type="submit" variant="primary" busy={busy} disabled={tag.trim() === ""}>
        {t("observables.tagging.submit")}
      </Button>
    </form>
  );
}
