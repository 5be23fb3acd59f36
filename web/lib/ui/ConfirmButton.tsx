import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button.js";

interface Props {
  /** The button's visible word ("Archive"). */
  label: string;
  /** Its accessible name, naming the thing ("Archive Phishing"). */
  name: string;
  /** The question asked before acting ("Archive Phishing?"). */
  question: string;
  busy?: boolean;
  onConfirm: () => void;
}

/** A destructive action asked about in place (no browser dialog): click, then confirm or cancel. */
export function ConfirmButton({ label, name, question, busy = false, onConfirm }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <Button variant="quiet" aria-label={name} busy={busy} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="btn btn-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>
      <Button variant="quiet" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </Button>
    </span>
  );
}
