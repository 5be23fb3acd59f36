import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { OBSERVABLE_TYPES } from "../../../../contract/observables.js";
import { query } from "../../../lib/api/client.js";
import { navigate } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";

/**
 * The search box of the observable page: a value (defanged is fine) and, if wanted, its type. The type
 * starts at "recognise" even on a typed value's page, so the next value looked up is not forced into it.
 */
export function ObservableLookup({ value }: { value: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ value, type: "" });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = draft.value.trim();
    if (v !== "") navigate(`/console/observables${query({ value: v, type: draft.type })}`);
  };
  return (
    <form role="search" className="panel obs-lookup" onSubmit={submit} aria-label={t("observables.page.lookup")}>
      <TextField
        label={t("observables.page.value")}
        hint={t("observables.add.hint")}
        type="search"
        value={draft.value}
        maxLength={2048}
        autoComplete="off"
        spellCheck={false}
        autoFocus={value === ""}
        onChange={(e) => setDraft({ ...draft, value: e.target.value })}
      />
      <SelectField
        label={t("observables.add.type")}
        value={draft.type}
        onChange={(e) => setDraft({ ...draft, type: e.target.value })}
        options={[
          { value: "", label: t("observables.add.anyType") },
          ...OBSERVABLE_TYPES.map((ty) => ({ value: ty, label: t(`observables.types.${ty}`) })),
        ]}
      />
      <Button type="submit" variant="primary" disabled={draft.value.trim() === ""}>
        {t("observables.page.find")}
      </Button>
    </form>
  );
}
