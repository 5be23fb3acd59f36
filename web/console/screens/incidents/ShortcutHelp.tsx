import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../lib/ui/Button.js";

/** A key and what it does, for the `?` list. */
export interface ShortcutHint {
  keys: string;
  label: string;
}

/** The list of keyboard shortcuts in a modal dialog (native <dialog>: focus is trapped and Esc closes). */
export function ShortcutHelp({ open, onClose, hints }: { open: boolean; onClose: () => void; hints: ShortcutHint[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <h2 id="shortcut-help-title">{t("incidents.keys.title")}</h2>
      <dl className="shortcut-list">
        {hints.map((h) => (
          <div key={h.keys} className="shortcut-row">
            <dt>
              <kbd>{h.keys}</kbd>
            </dt>
            <dd>{h.label}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t("incidents.keys.notInFields")}</p>
      <Button onClick={onClose}>{t("common.close")}</Button>
    </dialog>
  );
}
