import { type Ref, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IncidentStatus, Severity } from "../../../../contract/incidents.js";
import { TLP_LABELS } from "../../../lib/intake/options.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { type ListFilters, SORTS, type Sort } from "./list-filters.js";
import { useRsitClassOptions } from "./RsitPicker.js";

interface Props {
  filters: ListFilters;
  onChange: (next: Partial<ListFilters>) => void;
  searchRef: Ref<HTMLInputElement>;
}

/** The list's filters (status, severity, TLP, class, assignee, words) and sort order. */
export function ListFiltersBar({ filters, onChange, searchRef }: Props) {
  const { t } = useTranslation();
  const classes = useRsitClassOptions();
  const any = { value: "", label: t("incidents.list.any") };
  // Words are sent a moment after typing stops, not on every key.
  const [words, setWords] = useState(filters.q);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };
  useEffect(() => {
    if (words === latest.current.filters.q) return;
    const timer = window.setTimeout(() => latest.current.onChange({ q: words }), 300);
    return () => window.clearTimeout(timer);
  }, [words]);
  return (
    <form className="filters incident-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <TextField
        ref={searchRef}
        id="incident-filter-q"
        type="search"
        label={t("incidents.list.filterWords")}
        hint={t("incidents.list.filterWordsHint")}
        value={words}
        onChange={(e) => setWords(e.target.value)}
      />
      <SelectField
        label={t("incidents.fields.status")}
        value={filters.status}
        onChange={(e) => onChange({ status: e.target.value as ListFilters["status"] })}
        options={[any, ...IncidentStatus.options.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))]}
      />
      <SelectField
        label={t("incidents.fields.severity")}
        value={filters.severity}
        onChange={(e) => onChange({ severity: e.target.value as ListFilters["severity"] })}
        options={[any, ...Severity.options.map((s) => ({ value: s, label: t(`incidents.severities.${s}`) }))]}
      />
      <SelectField
        label="TLP"
        value={filters.tlp}
        onChange={(e) => onChange({ tlp: e.target.value as ListFilters["tlp"] })}
        options={[any, ...TLP_LABELS.map((l) => ({ value: l, label: l }))]}
      />
      <SelectField
        label={t("incidents.fields.class")}
        value={filters.class}
        onChange={(e) => onChange({ class: e.target.value })}
        options={[any, ...classes]}
      />
      <SelectField
        label={t("incidents.fields.assignee")}
        value={filters.assignee === "me" ? "me" : ""}
        onChange={(e) => onChange({ assignee: e.target.value })}
        options={[any, { value: "me", label: t("incidents.list.assignedToMe") }]}
      />
      <SelectField
        label={t("incidents.list.sort")}
        value={filters.sort}
        onChange={(e) => onChange({ sort: e.target.value as Sort })}
        options={SORTS.map((s) => ({ value: s, label: t(`incidents.list.sorts.${s}`) }))}
      />
    </form>
  );
}
