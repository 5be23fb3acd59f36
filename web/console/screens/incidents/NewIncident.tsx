import { useTranslation } from "react-i18next";
import type { Me } from "../../../lib/api/types.js";
import { Link, navigate } from "../../../lib/router.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import "../../incidents.css";
import { IncidentForm } from "./IncidentForm.js";

/** An incident from nothing (no report yet): reports can be linked later. */
export function NewIncident({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="crumb">
        <Link to="/console/incidents">{t("incidents.back")}</Link>
      </p>
      <PageHeader title={t("incidents.new.title")} />
      <div className="panel incident-new">
        <p className="muted">{t("incidents.new.intro")}</p>
        <IncidentForm
          meId={me.id}
          onCreated={(i) => navigate(`/console/incidents/${encodeURIComponent(i.reference)}`)}
          onCancel={() => navigate("/console/incidents")}
        />
      </div>
    </>
  );
}
