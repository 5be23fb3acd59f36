import { useTranslation } from "react-i18next";
import type { YaraFileScan } from "../../../../contract/yara.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { type CaseRef, caseHref } from "../observables/api.js";
import { useCaseYara } from "./api.js";
import { MatchSummary, ScanBadge } from "./MatchDetails.js";
import "./yara.css";

/** The badge for one file of a case in its file list (shares the panel's query). */
export function YaraFileBadge({ of, sha256 }: { of: CaseRef; sha256: string }) {
  const file = useCaseYara(of).data?.files.find((f) => f.sha256 === sha256);
  return file ? <ScanBadge file={file} /> : null;
}

function FileRow({ file }: { file: YaraFileScan }) {
  const { t } = useTranslation();
  return (
    <li className="yara-file">
      <div className="yara-file-head">
        <strong>{file.filename}</strong> <ScanBadge file={file} />
        {file.report ? (
          <span className="cell-sub">
            {t("yara.case.viaReport")}{" "}
            <Link to={caseHref({ kind: "report", reference: file.report })} className="mono">
              {file.report}
            </Link>
          </span>
        ) : null}
      </div>
      <code className="cell-sub hash">SHA-256 {file.sha256}</code>
      {file.outcome !== null && file.outcome !== "scanned" ? (
        <p className="cell-sub">{t(`yara.scan.why.${file.outcome}`)}</p>
      ) : null}
      {file.matches.map((m) => (
        <MatchSummary key={m.rule.id} match={m} />
      ))}
    </li>
  );
}

/** The YARA side of a case's files: each file's scan and what matched, matches first. */
export function CaseYaraPanel({ of }: { of: CaseRef }) {
  const { t } = useTranslation();
  const yara = useCaseYara(of);
  const files = [...(yara.data?.files ?? [])].sort((a, b) => b.matches.length - a.matches.length);
  return (
    <Section title={t("yara.case.title")} id="yara">
      {yara.isError ? <Notice tone="error">{errorMessage(t, yara.error)}</Notice> : null}
      {yara.isSuccess && files.length === 0 ? <p className="empty">{t("yara.case.noFiles")}</p> : null}
      <ul className="plain-list yara-files">
        {files.map((f) => (
          <FileRow key={f.sha256} file={f} />
        ))}
      </ul>
    </Section>
  );
}
