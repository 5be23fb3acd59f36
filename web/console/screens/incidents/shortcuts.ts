import { useEffect, useRef } from "react";

/** A key (as KeyboardEvent.key names it: "j", "Enter", "?", "/") and what it does; `false`: not handled. */
export type Shortcuts = Partial<Record<string, () => boolean | void>>;

/** True when keys typed now belong to a field (or a dialog's control), not to the page. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Page-wide single-key shortcuts: ignored while the person types in a field, with a modifier held
 * (so the browser's own Ctrl/Alt/Cmd keys keep working), or while a modal dialog is open.
 */
export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const action = current.current[e.key];
      if (!action) return;
      if (action() !== false) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
