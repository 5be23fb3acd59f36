import { useTranslation } from "react-i18next";
import type { CaseFile } from "../../../../contract/evidence.js";
import { Badge } from "../../../lib/ui/Notice.js";

/** What the content is by its bytes, with what should stop a reader: a program, a lie, a sample. */
export function ContentType({ file }: { file: Pick<CaseFile, "detected" | "declaredType" | "sample"> }) {
  const { t } = useTranslation();
  const d = file.detected;
  return (
    <span className="content-type">
      {d === null ? (
        <span className="muted">{t("evidence.identifying")}</span>
      ) : (
        <code>{d.mime ?? t("evidence.unknownType")}</code>
      )}
      {file.sample ? (
        <>
          {" "}
          <Badge tone="bad">{t("evidence.sample")}</Badge>
        </>
      ) : null}
      {d?.executable ? (
        <>
          {" "}
          <Badge tone="bad">{t("evidence.executable")}</Badge>
        </>
      ) : null}
      {d?.mismatch ? (
        <>
          {" "}
          <Badge tone="warn">{t("evidence.mismatch")}</Badge>
        </>
      ) : null}
    </span>
  );
}
