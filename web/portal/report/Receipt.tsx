import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ReportReceipt } from "../../../contract/intake.js";
import { CopyButton } from "../../lib/ui/CopyButton.js";
import { Frame } from "../Frame.js";

/** What the form hands the receipt page (in history state, so the token never enters a URL query). */
export interface ReceiptState {
  receipt: ReportReceipt;
  emailed: boolean;
}

function isReceiptState(v: unknown): v is ReceiptState {
  if (typeof v !== "object" || v === null || !("receipt" in v)) return false;
  const r: unknown = v.receipt;
  return typeof r === "object" && r !== null && "reference" in r && "followUpUrl" in r;
}

/** The receipt after sending: the reference, what happens next, and the follow-up link. */
export function Receipt() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const state: unknown = window.history.state;
  useEffect(() => heading.current?.focus(), []);

  if (!isReceiptState(state)) {
    return (
      <Frame title={t("receipt.title")} narrow>
        <div className="wrap form-page">
          <h1 ref={heading} tabIndex={-1}>
            {t("receipt.missingTitle")}
          </h1>
          <p>{t("receipt.missing")}</p>
          <a href="/report">{t("receipt.newReport")}</a>
        </div>
      </Frame>
    );
  }
  const { receipt, emailed } = state;
  return (
    <Frame title={t("receipt.title")} narrow>
      <div className="wrap form-page receipt">
        <h1 ref={heading} tabIndex={-1}>
          {t("receipt.title")}
        </h1>
        <p className="lead">{t("receipt.thanks")}</p>
        <div className="reference-box">
          <span className="reference-label">{t("receipt.reference")}</span>
          <strong className="reference" data-testid="reference">
            {receipt.reference}
          </strong>
        </div>
        <h2>{t("receipt.nextTitle")}</h2>
        <ol className="next-steps">
          <li>{t("receipt.next1")}</li>
          <li>{t("receipt.next2")}</li>
          <li>{t("receipt.next3")}</li>
        </ol>
        <h2>{t("receipt.followUpTitle")}</h2>
        <p>{t("receipt.followUpBody")}</p>
        <p className="follow-up-link">
          <a href={receipt.followUpUrl}>{t("receipt.openFollowUp")}</a>
        </p>
        <div className="copy-row">
          <code className="follow-up-url">{receipt.followUpUrl}</code>
          <CopyButton text={receipt.followUpUrl} label={t("receipt.copyLink")} />
        </div>
        <p className="form-note">{emailed ? t("receipt.emailed") : t("receipt.notEmailed")}</p>
      </div>
    </Frame>
  );
}
