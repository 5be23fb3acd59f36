import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../lib/api/types.js";
import { notify } from "./desktop-notifications.js";
import { useUnread } from "./useUnread.js";

const TITLE = "Fyr";

/**
 * Mounted once in the console's shell: keeps the tab title counting what is new to me ("(3) Fyr") and,
 * when I turned them on, tells the desktop when that count grows while the tab is in the background.
 * Renders nothing.
 */
export function UnreadSignals({ me }: { me: Me }) {
  const { t } = useTranslation();
  const summary = useUnread(me);
  const total = summary ? summary.reports + summary.incidents : 0;
  const previous = useRef<number | null>(null);

  useEffect(() => {
    document.title = total > 0 ? `(${total}) ${TITLE}` : TITLE;
  }, [total]);

  useEffect(() => {
    if (!summary) return;
    const before = previous.current;
    previous.current = total;
    if (before === null || total <= before || document.visibilityState === "visible") return;
    notify(t("unread.notification.title", { count: total }), t("unread.notification.body"));
  }, [summary, total, t]);

  useEffect(
    () => () => {
      document.title = TITLE;
    },
    [],
  );
  return null;
}
