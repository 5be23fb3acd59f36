import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type CaseObservable, OBSERVABLE_TYPES } from "../../../../contract/observables.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { AddObservableForm } from "./AddObservableForm.js";
import { type CaseRef, casePath, observableKeys, useCaseObservables } from "./api.js";
import { ValueGroup } from "./ValueGroup.js";
import "../../observables.css";

/** The values seen in a case, by type; analysts add and remove values by hand, and incidents export them. */
export function CaseObservables({ of, canEdit }: { of: CaseRef; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const observables = useCaseObservables(of);
  const remove = useMutation({
    mutationFn: (o: CaseObservable) => api("DELETE", `${casePath(of)}/observables/${encodeURIComponent(o.id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: observableKeys.all }),
  });
  const items = observables.data?.items ?? [];
  const groups = OBSERVABLE_TYPES.map((type) => ({ type, items: items.filter((o) => o.type === type) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <Section title={t("observables.case.title")} id="observables">
      {of.kind === "incident" ? <ExportLinks of={of} /> : null}
      {observables.isError ? <Notice tone="error">{errorMessage(t, observables.error)}</Notice> : null}
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      {observables.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {observables.data && items.length === 0 ? <p className="empty">{t("observables.case.none")}</p> : null}
      {observables.data?.truncated ? <Notice tone="info">{t("observables.case.truncated")}</Notice> : null}
      {groups.map((g) => (
        <ValueGroup
          key={g.type}
          idPrefix={`obs-${of.kind}`}
          type={g.type}
          items={g.items}
          canRemove={canEdit}
          removingId={remove.isPending ? remove.variables.id : null}
          onRemove={(o) => remove.mutate(o)}
        />
      ))}
      {canEdit ? <AddObservableForm of={of} /> : null}
    </Section>
  );
}

/** Plain download links: the browser saves the server's file (its name comes from the answer). */
function ExportLinks({ of }: { of: CaseRef }) {
  const { t } = useTranslation();
  const base = `/api/v1${casePath(of)}/observables`;
  return (
    <p className="obs-export">
      <span>{t("observables.case.export")}</span>
      <a href={`${base}.csv`} download>
        {t("observables.case.csv")}
      </a>
      <a href={`${base}.stix`} download>
        {t("observables.case.stix")}
      </a>
    </p>
  );
}
