import { useTranslation } from "react-i18next";
import type { Me } from "../../../lib/api/types.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { LanguageSection } from "./LanguageSection.js";
import { PasswordSection } from "./PasswordSection.js";
import { TokensSection } from "./TokensSection.js";
import { TotpSection } from "./TotpSection.js";

/** The signed-in person's own settings: language, password, two-step verification, API tokens. */
export function MyAccount({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("account.title")} />
      <div className="grid-2">
        <div>
          <LanguageSection me={me} />
          <PasswordSection />
        </div>
        <div>
          <TotpSection me={me} />
        </div>
      </div>
      <TokensSection />
    </>
  );
}
