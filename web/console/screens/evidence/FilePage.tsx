import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FileDetail } from "../../../../contract/evidence.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { caseHref, contentUrl, fileHref, recordUrl, useFileDetail, zipUrl } from "./api.js";
import { ContentType } from "./badges.js";
import { CustodyChain } from "./CustodyChain.js";
import { ArchiveContents, MessageContents } from "./FileContents.js";
import { MarkSample, SampleMarks, VerifyContent } from "./MarkSample.js";
import "./evidence.css";

/** One file: what it is, its hashes, where it came from, what it holds, and its chain of custody. */
export function FilePage({ id }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const file = useFileDetail(id);
  if (file.isPending) return <p role="status">{t("evidence.page.loading")}</p>;
  if (!file.data) {
    return (
      <>
        <PageHeader title={t("evidence.title")} />
        <Notice tone="error">{errorMessage(t, file.error)}</Notice>
      </>
    );
  }
  return <Loaded file={file.data} />;
}

function Loaded({ file: f }: { file: FileDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="crumb">
        <Link to={caseHref(f.case)}>{t("evidence.page.back", { reference: f.case.reference })}</Link>
      </p>
      <PageHeader title={f.filename} />
      {f.sample ? <Notice tone="warning">{t("evidence.actions.sampleNoRaw")}</Notice> : null}
      {f.detected?.mismatch ? <Notice tone="warning">{t("evidence.mismatchLong")}</Notice> : null}
      <div className="report-columns">
        <Summary file={f} />
        <Actions file={f} />
      </div>
      <SampleMarks marks={f.sampleMarks} />
      {f.canMark ? <MarkSample file={f} /> : null}
      {f.archive ? <ArchiveContents archive={f.archive} /> : null}
      {f.message ? <MessageContents message={f.message} /> : null}
      <AlsoIn file={f} />
      <CustodyChain events={f.custody} />
    </>
  );
}

function Summary({ file: f }: { file: FileDetail }) {
  const { t, i18n } = useTranslation();
  const r = f.receipt;
  const from = r.from ? [r.from.name, r.from.address ? `<${r.from.address}>` : null].filter(Boolean).join(" ") : null;
  const via = `${t(`evidence.via.${r.via}`)}${r.mailSource ? ` (${t(`evidence.mailSource.${r.mailSource}`)})` : ""}`;
  const rows: [string, ReactNode][] = [
    [
      t("evidence.page.case"),
      <>
        <Link to={caseHref(f.case)}>{f.case.reference}</Link> <TlpBadge label={f.case.tlp} /> {f.case.title}
      </>,
    ],
    [t("evidence.page.kind"), t(`evidence.kinds.${f.kind}`)],
    [t("evidence.page.declaredType"), <code key="d">{f.declaredType || "—"}</code>],
    [t("evidence.page.detectedType"), <ContentType key="c" file={f} />],
    [
      t("evidence.page.size"),
      // The exact count too where the readable size rounds: a record names bytes.
      f.size >= 1024
        ? t("evidence.page.bytes", { size: formatBytes(f.size, i18n.language), count: f.size })
        : formatBytes(f.size, i18n.language),
    ],
    [
      "SHA-256",
      <code key="s256" className="hash">
        {f.sha256}
      </code>,
    ],
    [
      "SHA-1",
      <code key="s1" className="hash">
        {f.sha1 ?? "—"}
      </code>,
    ],
    [
      "MD5",
      <code key="md5" className="hash">
        {f.md5 ?? "—"}
      </code>,
    ],
    [
      t("evidence.page.received"),
      t("evidence.page.receivedVia", { at: formatDateTime(r.at, i18n.language, true), via }),
    ],
  ];
  if (from) rows.push([t("evidence.page.from"), from]);
  if (r.by) rows.push([t("evidence.page.takenInBy"), r.by.name]);
  if (r.mailAuth)
    rows.push([
      t("evidence.page.mailAuth"),
      `SPF ${r.mailAuth.spf ?? "—"} · DKIM ${r.mailAuth.dkim ?? "—"} · DMARC ${r.mailAuth.dmarc ?? "—"}`,
    ]);
  return (
    <Section title={t("evidence.page.summary")} id="file-summary">
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="facts-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function Actions({ file: f }: { file: FileDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t("evidence.actions.title")} id="file-actions">
      <ul className="plain-list file-actions">
        {f.sample ? null : (
          <li>
            <a className="btn btn-secondary" href={contentUrl(f.id)} download={f.filename}>
              {t("evidence.actions.download")}
            </a>
          </li>
        )}
        <li>
          <a className={`btn ${f.sample ? "btn-primary" : "btn-secondary"}`} href={zipUrl(f.id)}>
            {t("evidence.actions.downloadZip")}
          </a>
          <p className="field-hint">{t("evidence.actions.zipPassword")}</p>
        </li>
        {f.canVerify ? (
          <li>
            <VerifyContent file={f} />
          </li>
        ) : null}
        {(["sv", "en"] as const).map((language) => (
          <li key={language}>
            <a href={recordUrl(f.id, language)} target="_blank" rel="noopener noreferrer">
              {t(language === "sv" ? "evidence.actions.recordSv" : "evidence.actions.recordEn")}
              <span className="visually-hidden"> {t("evidence.actions.newTab")}</span>
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function AlsoIn({ file: f }: { file: FileDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t("evidence.alsoIn.title")} id="file-also-in">
      {f.alsoIn.length === 0 ? (
        <p className="muted">{t("evidence.alsoIn.none")}</p>
      ) : (
        <ul className="plain-list">
          {f.alsoIn.map((c) => (
            <li key={c.fileId}>
              <Link to={fileHref(c.fileId)}>{c.filename}</Link> · <Link to={caseHref(c)}>{c.reference}</Link>{" "}
              <TlpBadge label={c.tlp} /> <span className="muted">{c.title}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
