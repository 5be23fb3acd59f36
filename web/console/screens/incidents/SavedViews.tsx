import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SavedView, SavedViewFilters, SavedViewList } from "../../../../contract/saved-views.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { DEFAULT_FILTERS, type ListFilters } from "./list-filters.js";

const VIEWS_KEY = ["incidents", "saved-views"] as const;

/** The list's filters as a saved view stores them ("me" stays "me": whoever uses the view). */
function toSaved(f: ListFilters): SavedViewFilters {
  return {
    view: f.view,
    sort: f.sort,
    ...(f.status ? { status: [f.status] } : {}),
    ...(f.severity ? { severity: [f.severity] } : {}),
    ...(f.tlp ? { tlp: [f.tlp] } : {}),
    ...(f.class ? { class: f.class } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
  };
}

/** A saved view back as the list's filters (the console filters on one value per field). */
function fromSaved(v: SavedViewFilters): ListFilters {
  return {
    ...DEFAULT_FILTERS,
    view: v.view,
    sort: v.sort,
    status: v.status?.[0] ?? "",
    severity: v.severity?.[0] ?? "",
    tlp: v.tlp?.[0] ?? "",
    class: v.class ?? "",
    assignee: v.assignee ?? "",
    q: v.q ?? "",
  };
}

interface Props {
  filters: ListFilters;
  onPick: (filters: ListFilters) => void;
}

/** Pick one of my saved views, save the current filters under a name, or delete the picked view. */
export function SavedViews({ filters, onPick }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [picked, setPicked] = useState("");
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);
  const views = useQuery({ queryKey: VIEWS_KEY, queryFn: () => api<SavedViewList>("GET", "/incidents/views") });
  const refresh = () => void client.invalidateQueries({ queryKey: VIEWS_KEY });
  const save = useMutation({
    mutationFn: () => api<SavedView>("POST", "/incidents/views", { name: name.trim(), filters: toSaved(filters) }),
    onSuccess: (view) => {
      setName("");
      setSaving(false);
      setPicked(view.id);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", `/incidents/views/${encodeURIComponent(id)}`),
    onSuccess: () => {
      setPicked("");
      refresh();
    },
  });
  const items = views.data?.items ?? [];
  const pick = (id: string) => {
    setPicked(id);
    const view = items.find((v) => v.id === id);
    if (view) onPick(fromSaved(view.filters));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate();
  };
  const failed = views.error ?? save.error ?? remove.error;
  return (
    <div className="saved-views">
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      <SelectField
        id="saved-view"
        label={t("incidents.savedViews.pick")}
        value={picked}
        onChange={(e) => pick(e.target.value)}
        options={[
          { value: "", label: t("incidents.savedViews.none") },
          ...items.map((v) => ({ value: v.id, label: v.name })),
        ]}
      />
      {picked ? (
        <Button variant="quiet" busy={remove.isPending} onClick={() => remove.mutate(picked)}>
          {t("incidents.savedViews.delete")}
        </Button>
      ) : null}
      {saving ? (
        <form className="inline-form compact-form" onSubmit={submit}>
          <TextField
            id="saved-view-name"
            label={t("incidents.savedViews.name")}
            value={name}
            maxLength={100}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" variant="primary" busy={save.isPending} disabled={name.trim() === ""}>
            {t("common.save")}
          </Button>
          <Button onClick={() => setSaving(false)}>{t("common.cancel")}</Button>
        </form>
      ) : (
        <Button variant="quiet" onClick={() => setSaving(true)}>
          {t("incidents.savedViews.save")}
        </Button>
      )}
    </div>
  );
}
