import { useTranslation } from "react-i18next";
import { Badge } from "../../../lib/ui/Notice.js";
import "./unread.css";

/** "Ny" / "New": on a list row, a message or a timeline entry that came since I last looked. */
export function NewMarker() {
  const { t } = useTranslation();
  return (
    <span className="new-marker" data-testid="new-marker">
      <Badge tone="warn">{t("unread.new")}</Badge>
    </span>
  );
}
