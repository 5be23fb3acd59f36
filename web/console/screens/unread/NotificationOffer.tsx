import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../lib/ui/Button.js";
import { decline, shouldOffer, turnOn } from "./desktop-notifications.js";

/** Offers desktop notifications once; the answer is remembered in this browser. */
export function NotificationOffer() {
  const { t } = useTranslation();
  const [state, setState] = useState<"offer" | "on" | "gone">(() => (shouldOffer() ? "offer" : "gone"));
  if (state === "gone") return null;
  if (state === "on") return <p className="muted notification-offer">{t("unread.offer.on")}</p>;
  return (
    <div className="notice notice-info notification-offer" role="region" aria-label={t("unread.offer.turnOn")}>
      <span>{t("unread.offer.text")}</span>{" "}
      <Button variant="primary" onClick={() => void turnOn().then((granted) => setState(granted ? "on" : "gone"))}>
        {t("unread.offer.turnOn")}
      </Button>{" "}
      <Button
        variant="quiet"
        onClick={() => {
          decline();
          setState("gone");
        }}
      >
        {t("unread.offer.notNow")}
      </Button>
    </div>
  );
}
