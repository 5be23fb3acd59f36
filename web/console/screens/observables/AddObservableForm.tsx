import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CaseObservable,
  OBSERVABLE_TYPES,
  type ObservableAdd,
  ObservableType,
} from "../../../../contract/observables.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { type CaseRef, casePath, observableKeys } from "./api.js";

/** An analyst adds a value by hand; without a type the server recognises it (defanged forms too). */
export function AddObservableForm({ of }: { of: CaseRef }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState("");
  const [type, setType] = useState("");
  const add = useMutation({
    mutationFn: (input: ObservableAdd) => api<CaseObservable>("POST", `${casePath(of)}/observables`, input),
    onSuccess: () => {
      setValue("");
      void client.invalidateQueries({ queryKey: observableKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ObservableType.safeParse(type);
    add.mutate({ value: value.trim(), ...(parsed.success ? { type: parsed.data } : {}) });
  };
  const err = add.error instanceof ApiError ? add.error : null;
  // A value the server cannot read is wrong in the value field; any other error is shown above the form.
  const valueError =
    err?.code === "observable_invalid" || err?.fieldErrors.value
      ? type
        ? t("observables.add.invalidAs", { type: t(`observables.types.${type}`) })
        : t("errors.observable_invalid")
      : undefined;
  const typeError = err?.fieldErrors.type;
  const otherError = add.isError && !valueError && !typeError ? add.error : null;
  return (
    <>
      {otherError ? <Notice tone="error">{errorMessage(t, otherError)}</Notice> : null}
      <form className="inline-form obs-add" onSubmit={submit} noValidate>
        <TextField
          id={`add-observable-${of.kind}`}
          label={t("observables.add.value")}
          hint={t("observables.add.hint")}
          value={value}
          maxLength={2048}
          error={valueError}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setValue(e.target.value)}
        />
        <SelectField
          label={t("observables.add.type")}
          value={type}
          onChange={(e) => setType(e.target.value)}
          options={[
            { value: "", label: t("observables.add.anyType") },
            ...OBSERVABLE_TYPES.map((ty) => ({ value: ty, label: t(`observables.types.${ty}`) })),
          ]}
        />
        {typeError ? <p className="field-error">{typeError}</p> : null}
        <Button type="submit" busy={add.isPending} disabled={value.trim() === ""}>
          {t("observables.add.submit")}
        </Button>
      </form>
    </>
  );
}
