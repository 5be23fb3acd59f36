import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button.js";

/** Copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Button onClick={() => void copy()}>
      {copied ? t("common.copied") : (label ?? t("common.copy"))}
      <span className="visually-hidden" aria-live="polite">
        {copied ? t("common.copied") : ""}
      </span>
    </Button>
  );
}
