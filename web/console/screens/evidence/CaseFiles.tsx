import { useTranslation } from "react-i18next";
import type { CaseFile } from "../../../../contract/evidence.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { type CaseRef, downloadUrl, fileHref, useCaseFiles } from "./api.js";
import { YaraFileBadge } from "../yara/CaseYaraPanel.js";
import { ContentType } from "./badges.js";
import "./evidence.css";

/**
 * Every file the case holds (for an incident, with its linked reports' files): the name downloads it —
 * a sample only ever as the encrypted ZIP — beside what its bytes are, its size, SHA-256 and receipt;
 * "Details" opens its page (contents, custody, sample marking).
 */
export function CaseFiles({ of, id = "case-files" }: { of: CaseRef; id?: string }) {
  const { t, i18n } = useTranslation();
  const files = useCaseFiles(of);
  const items = files.data?.items ?? [];
  return (
    <Section title={t("evidence.title")} id={id}>
      {files.error ? <Notice tone="error">{errorMessage(t, files.error)}</Notice> : null}
      {files.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {files.isSuccess ? (
        <Table<CaseFile>
          caption={t("evidence.caption")}
          rows={items}
          rowKey={(f) => f.id}
          empty={t("evidence.none")}
          rowClassName={(f) => (f.sample ? "file-sample" : undefined)}
          columns={[
            {
              key: "file",
              header: t("evidence.columns.file"),
              className: "cell-file",
              cell: (f) => (
                <>
                  <a href={downloadUrl(f)} download={f.sample ? undefined : f.filename}>
                    {f.filename}
                    {f.sample ? <span className="visually-hidden"> {t("evidence.zipOnly")}</span> : null}
                  </a>
                  <span className="cell-sub muted">
                    {t(`evidence.kinds.${f.kind}`)}
                    {f.case.reference !== of.reference
                      ? ` · ${t("evidence.fromReport", { reference: f.case.reference })}`
                      : ""}
                    {f.archiveEntries !== null ? ` · ${t("evidence.archiveEntries", { count: f.archiveEntries })}` : ""}
                  </span>
                </>
              ),
            },
            { key: "type", header: t("evidence.columns.type"), cell: (f) => <ContentType file={f} /> },
            {
              key: "size",
              header: t("evidence.columns.size"),
              className: "cell-nowrap cell-num",
              cell: (f) => <span data-bytes={f.size}>{formatBytes(f.size, i18n.language)}</span>,
            },
            { key: "sha", header: "SHA-256", className: "cell-hash", cell: (f) => <code>{f.sha256}</code> },
            { key: "yara", header: "YARA", cell: (f) => <YaraFileBadge of={of} sha256={f.sha256} /> },
            {
              key: "received",
              header: t("evidence.columns.received"),
              className: "cell-nowrap",
              cell: (f) => (
                <>
                  {formatDateTime(f.receivedAt, i18n.language)}
                  <span className="cell-sub muted">{t(`evidence.via.${f.receivedVia}`)}</span>
                </>
              ),
            },
            {
              key: "details",
              header: <span className="visually-hidden">{t("evidence.columns.details")}</span>,
              cell: (f) => <Link to={fileHref(f.id)}>{t("evidence.details")}</Link>,
            },
          ]}
        />
      ) : null}
    </Section>
  );
}
