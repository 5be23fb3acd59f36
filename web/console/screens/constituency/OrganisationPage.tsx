import { useTranslation } from "react-i18next";
import type { Organisation } from "../../../../contract/constituency.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link } from "../../../lib/router.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { DIRECTORY_PATH, mayEditRegistry, useOrganisation } from "./api.js";
import { ContactsPanel } from "./ContactsPanel.js";
import { HoldingsPanel } from "./HoldingsPanel.js";
import { InhibitionsPanel } from "./InhibitionsPanel.js";
import { ProductsPanel } from "./ProductsPanel.js";
import { OrganisationEvents } from "./OrganisationEvents.js";
import { OrganisationIncidentsPanel, OrganisationNotificationsPanel } from "./OrganisationCases.js";
import { ProfilePanel } from "./ProfilePanel.js";
import { mayWorkVulnerabilities } from "../vulnerabilities/api.js";
import "./constituency.css";

/**
 * Everything about one organisation: profile, family, what it owns, whom to reach, what not to tell it,
 * its incidents, the notifications sent to it and its newest events.
 */
export function OrganisationPage({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const organisation = useOrganisation(id);
  if (organisation.isPending) return <p role="status">{t("common.loading")}</p>;
  if (!organisation.data) {
    return (
      <>
        <PageHeader title={t("constituency.organisation.title")} />
        <Notice tone="error">{errorMessage(t, organisation.error)}</Notice>
        <Link to={DIRECTORY_PATH}>{t("constituency.directory.back")}</Link>
      </>
    );
  }
  return <Loaded o={organisation.data} canEdit={mayEditRegistry(me)} canDeclareProducts={mayWorkVulnerabilities(me)} />;
}

function Loaded({
  o,
  canEdit,
  canDeclareProducts,
}: {
  o: Organisation;
  canEdit: boolean;
  canDeclareProducts: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="crumb">
        <Link to={DIRECTORY_PATH}>{t("constituency.directory.back")}</Link>
      </p>
      <PageHeader title={o.name} />
      {canEdit ? null : <p className="muted">{t("constituency.organisation.readOnly")}</p>}
      <div className="cy-columns">
        <div className="cy-main">
          <HoldingsPanel o={o} canEdit={canEdit} />
          <ContactsPanel o={o} canEdit={canEdit} />
          <OrganisationIncidentsPanel id={o.id} />
          <OrganisationNotificationsPanel id={o.id} />
          <OrganisationEvents id={o.id} />
        </div>
        <div className="cy-aside">
          <ProfilePanel key={o.version} o={o} canEdit={canEdit} />
          <InhibitionsPanel o={o} canEdit={canEdit} />
          <ProductsPanel o={o} canEdit={canDeclareProducts} />
        </div>
      </div>
    </>
  );
}
