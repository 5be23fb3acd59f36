import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ThreadsView } from "../../../../contract/correspondence.js";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { incidentKeys, incidentPath } from "./api.js";
import { Composer } from "./Composer.js";
import { Threads } from "./Threads.js";

/** Mail from the incident: threads with reporters and third parties, delivery status, and the composer. */
export function Correspondence({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const threads = useQuery({
    queryKey: incidentKeys.part(incident.reference, "messages"),
    queryFn: () => api<ThreadsView>("GET", `${incidentPath(incident.reference)}/messages`),
    refetchInterval: 30_000,
  });
  return (
    <Section title={t("incidents.mail.title")} id="correspondence">
      {threads.isError ? <Notice tone="error">{errorMessage(t, threads.error)}</Notice> : null}
      {threads.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {threads.data ? <Threads threads={threads.data.threads} /> : null}
      {incident.canEdit ? <Composer incident={incident} /> : null}
    </Section>
  );
}
