import { useTranslation } from "react-i18next";
import type { Nis2Entity, RecordOrigin } from "../../../../contract/constituency.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge } from "../../../lib/ui/Notice.js";

/** NIS2's entity class: essential, important, or nothing said (not an NIS2 entity). */
export function EntityBadge({ entity }: { entity: Nis2Entity | null }) {
  const { t } = useTranslation();
  if (entity === null) return null;
  return <Badge tone={entity === "essential" ? "warn" : "neutral"}>{t(`constituency.entity.${entity}`)}</Badge>;
}

/** Automatic (written by an import) or manual (staff's, or an imported record staff changed). */
export function OriginBadge({ origin }: { origin: RecordOrigin }) {
  const { t } = useTranslation();
  return <Badge tone={origin === "automatic" ? "neutral" : "good"}>{t(`constituency.origin.${origin}`)}</Badge>;
}

interface ProvenanceProps {
  origin: RecordOrigin;
  source: string | null;
  importedAt: string | null;
  editedAt: string | null;
}

/** Where a record came from: the badge, the import source and time, and a staff edit that overrides it. */
export function Provenance({ origin, source, importedAt, editedAt }: ProvenanceProps) {
  const { t, i18n } = useTranslation();
  const at = (s: string) => formatDateTime(s, i18n.language);
  return (
    <span className="cy-provenance">
      <OriginBadge origin={origin} />
      {source ? (
        <span className="muted">
          {importedAt
            ? t("constituency.origin.importedFrom", { source, at: at(importedAt) })
            : t("constituency.origin.from", { source })}
        </span>
      ) : null}
      {editedAt ? <span className="muted">{t("constituency.origin.editedAt", { at: at(editedAt) })}</span> : null}
    </span>
  );
}
