import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import type { SecuritySettings } from "../../lib/api/types.js";
import { errorMessage } from "../../lib/api/errors.js";
import { Button } from "../../lib/ui/Button.js";
import { CheckboxField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../lib/ui/Page.js";

/** Admin: the security settings (for now: require two-step verification for all staff). */
export function Security() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: ["settings", "security"],
    queryFn: () => api<SecuritySettings>("GET", "/settings/security"),
  });
  return (
    <>
      <PageHeader title={t("security.title")} />
      {settings.isError ? <Notice tone="error">{errorMessage(t, settings.error)}</Notice> : null}
      {settings.data ? (
        <SecurityForm initial={settings.data} />
      ) : settings.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : null}
    </>
  );
}

function SecurityForm({ initial }: { initial: SecuritySettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [requireTotp, setRequireTotp] = useState(initial.requireTotp);
  const save = useMutation({
    mutationFn: (body: SecuritySettings) => api<SecuritySettings>("PUT", "/settings/security", body),
    onSuccess: (data) => {
      client.setQueryData(["settings", "security"], data);
      void client.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ requireTotp });
  };
  return (
    <Section title={t("security.twoStep")}>
      {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t("common.saved")}</Notice> : null}
      <form onSubmit={submit}>
        <CheckboxField
          name="requireTotp"
          checked={requireTotp}
          onChange={(e) => setRequireTotp(e.target.checked)}
          label={t("security.requireTotp")}
        />
        <p className="field-hint">{t("security.requireTotpHelp")}</p>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t("common.save")}
          </Button>
        </div>
      </form>
    </Section>
  );
}
