import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Language, Me } from "../../../lib/api/types.js";
import { applyLanguage } from "../../../lib/i18n/index.js";
import { LanguageSwitch } from "../../../lib/ui/LanguageSwitch.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { ME_KEY } from "../../session.js";

/** Switches the interface language at once and remembers it on the account. */
export function LanguageSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (language: Language) => api<Me>("PATCH", "/auth/me", { language }),
    onMutate: (language) => applyLanguage(i18n, language),
    onSuccess: (updated) => client.setQueryData(ME_KEY, updated),
    onError: () => void applyLanguage(i18n, me.language),
  });
  return (
    <Section title={t("account.language.title")} id="language">
      <p className="muted">{t("account.language.help")}</p>
      {save.isError ? <Notice tone="error">{errorMessage(t, save.error)}</Notice> : null}
      <LanguageSwitch value={me.language} onChange={(l) => save.mutate(l)} label={t("common.language")} />
    </Section>
  );
}
