import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { oncallKeys, useOfficers } from "./api.js";

interface Officer {
  id: string;
  name: string;
  phone: string | null;
}

/** An admin keeps the duty officers' SMS numbers (pages go by SMS to these; none: by mail instead). */
export function Phones() {
  const { t } = useTranslation();
  const officers = useOfficers();
  return (
    <Section title={t("oncall.phones.title")} id="oncall-phones">
      <p>{t("oncall.phones.intro")}</p>
      {(officers.data?.items ?? []).map((o) => (
        <PhoneForm key={o.id} officer={o} />
      ))}
    </Section>
  );
}

function PhoneForm({ officer }: { officer: Officer }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [phone, setPhone] = useState(officer.phone ?? "");
  const save = useMutation({
    mutationFn: () =>
      api("PUT", `/oncall/officers/${officer.id}`, { phone: phone.trim() === "" ? null : phone.trim() }),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.officers }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t("oncall.phones.saved", { name: officer.name })}</Notice> : null}
      <TextField
        label={t("oncall.phones.phoneOf", { name: officer.name })}
        type="tel"
        autoComplete="off"
        placeholder="+46701234567"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <Button type="submit" busy={save.isPending}>
        {t("oncall.phones.save")}
      </Button>
    </form>
  );
}
