import { useTranslation } from "react-i18next";
import type { ArchiveEntry, ArchiveListing, MessageSummary } from "../../../../contract/evidence.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";

/** What an archive holds, listed in place (nothing unpacked to disk), with why a listing stopped. */
export function ArchiveContents({ archive }: { archive: ArchiveListing }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("evidence.archive.title")} id="archive">
      {archive.stop ? <Notice tone="warning">{t(`evidence.archive.stops.${archive.stop}`)}</Notice> : null}
      <Table<ArchiveEntry>
        caption={t("evidence.archive.caption")}
        rows={archive.entries}
        rowKey={(e) => `${e.depth}:${e.path}`}
        empty={t("evidence.none")}
        columns={[
          {
            key: "path",
            header: t("evidence.archive.path"),
            className: "cell-file",
            cell: (e) => (
              <span className={`archive-path depth-${Math.min(e.depth, 3)}`}>
                <code>{e.path}</code>
                {e.directory ? <span className="muted"> ({t("evidence.archive.folder")})</span> : null}
                {e.encrypted ? (
                  <>
                    {" "}
                    <Badge tone="warn">{t("evidence.archive.encrypted")}</Badge>
                  </>
                ) : null}
              </span>
            ),
          },
          {
            key: "size",
            header: t("evidence.archive.size"),
            className: "cell-nowrap cell-num",
            cell: (e) => (e.directory ? "—" : formatBytes(e.size, i18n.language)),
          },
          {
            key: "compressed",
            header: t("evidence.archive.compressed"),
            className: "cell-nowrap cell-num",
            cell: (e) => (e.directory ? "—" : formatBytes(e.compressedSize, i18n.language)),
          },
          {
            key: "sha",
            header: "SHA-256",
            className: "cell-hash",
            cell: (e) =>
              e.directory ? (
                "—"
              ) : e.sha256 ? (
                <code>{e.sha256}</code>
              ) : (
                <span className="muted">{t("evidence.archive.notRead")}</span>
              ),
          },
        ]}
      />
    </Section>
  );
}

/** A mail file opened: its headers, text and the files it carries (hashed, not stored). */
export function MessageContents({ message: m }: { message: MessageSummary }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string | null][] = [
    [t("evidence.message.subject"), m.subject || "—"],
    [t("evidence.message.from"), m.from],
    [t("evidence.message.to"), m.to.join(", ") || null],
    [t("evidence.message.date"), m.date],
    [t("evidence.message.messageId"), m.messageId],
  ];
  return (
    <Section title={t("evidence.message.title")} id="message">
      {m.readLevel !== "full" ? <Notice tone="warning">{t("evidence.message.partlyRead")}</Notice> : null}
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts-row">
            <dt>{label}</dt>
            <dd>{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <h3>{t("evidence.message.attachments")}</h3>
      <Table
        caption={t("evidence.message.attachmentsCaption")}
        rows={m.attachments}
        rowKey={(a) => `${a.sha256}-${a.filename}`}
        empty={t("evidence.message.noAttachments")}
        columns={[
          {
            key: "name",
            header: t("evidence.columns.file"),
            className: "cell-file",
            cell: (a) => <code>{a.filename}</code>,
          },
          { key: "type", header: t("evidence.page.declaredType"), cell: (a) => <code>{a.contentType}</code> },
          {
            key: "size",
            header: t("evidence.columns.size"),
            className: "cell-nowrap cell-num",
            cell: (a) => formatBytes(a.size, i18n.language),
          },
          { key: "sha", header: "SHA-256", className: "cell-hash", cell: (a) => <code>{a.sha256}</code> },
        ]}
      />
      <h3>{t("evidence.message.text")}</h3>
      {m.textTruncated ? <p className="muted">{t("evidence.message.textTruncated")}</p> : null}
      <pre className="message-text" tabIndex={0}>
        {m.text}
      </pre>
    </Section>
  );
}
