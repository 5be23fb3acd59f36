import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SearchKind } from "../../../../contract/search.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField, TextField } from "../../../lib/ui/Field.js";
import { SEARCH_KINDS, type SearchParams, isSearchShortcut } from "./search-params.js";

interface Props {
  initial: SearchParams;
  onSearch: (params: SearchParams) => void;
}

/** The one search box with kind and date filters; "/" anywhere on the page focuses the box. */
export function SearchForm({ initial, onSearch }: Props) {
  const { t } = useTranslation();
  const [params, setParams] = useState<SearchParams>(initial);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchShortcut(e)) return;
      e.preventDefault();
      box.current?.focus();
      box.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const toggle = (kind: SearchKind, on: boolean) =>
    setParams({ ...params, kinds: on ? [...params.kinds, kind] : params.kinds.filter((k) => k !== kind) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(params);
  };

  return (
    <form role="search" className="search-form" onSubmit={submit} aria-label={t("search.formLabel")}>
      <div className="search-box">
        <TextField
          ref={box}
          label={t("search.query")}
          hint={t("search.queryHint")}
          type="search"
          name="q"
          value={params.q}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          autoFocus={initial.q === ""}
          onChange={(e) => setParams({ ...params, q: e.target.value })}
        />
        <Button type="submit" variant="primary">
          {t("search.submit")}
        </Button>
      </div>
      <div className="search-filters">
        <fieldset className="fieldset search-kinds">
          <legend>{t("search.kinds")}</legend>
          {SEARCH_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              label={t(`search.kind.${kind}`)}
              checked={params.kinds.includes(kind)}
              onChange={(e) => toggle(kind, e.target.checked)}
            />
          ))}
        </fieldset>
        <TextField
          label={t("search.from")}
          type="date"
          value={params.from}
          max={params.to || undefined}
          onChange={(e) => setParams({ ...params, from: e.target.value })}
        />
        <TextField
          label={t("search.to")}
          type="date"
          value={params.to}
          min={params.from || undefined}
          onChange={(e) => setParams({ ...params, to: e.target.value })}
        />
      </div>
    </form>
  );
}
