import { useTranslation } from "react-i18next";
import type { CustodyEvent } from "../../../../contract/evidence.js";
import { formatDateTime } from "../../../lib/time.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";

/** What one link of the chain says beyond who and when. */
function Details({ event: e }: { event: CustodyEvent }) {
  const { t } = useTranslation();
  switch (e.event) {
    case "received": {
      const r = e.receipt;
      const via = `${t(`evidence.via.${r.via}`)}${r.mailSource ? ` (${t(`evidence.mailSource.${r.mailSource}`)})` : ""}`;
      const from = r.from
        ? [r.from.name, r.from.address ? `<${r.from.address}>` : null].filter(Boolean).join(" ")
        : null;
      return (
        <>
          {t("evidence.custody.receivedVia", { via })}
          {from ? <> · {t("evidence.custody.receivedFrom", { from })}</> : null}
        </>
      );
    }
    case "downloaded":
      return <>{t(`evidence.custody.routes.${e.route}`, { defaultValue: e.route })}</>;
    case "exported":
      return <>{t(`evidence.custody.formats.${e.format}`, { defaultValue: e.format })}</>;
    case "marked_sample":
    case "deleted":
      return <>{t("evidence.custody.reason", { reason: e.reason })}</>;
    case "custody_record":
      return <>{t("evidence.custody.language", { language: e.language })}</>;
    case "verified":
      return <>{e.intact ? t("evidence.custody.intact") : t("evidence.custody.notIntact")}</>;
  }
}

/** The file's chain of custody, oldest first: its receipt, then every time it left Fyr or was marked. */
export function CustodyChain({ events }: { events: CustodyEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("evidence.custody.title")} id="custody">
      <Table<CustodyEvent>
        caption={t("evidence.custody.caption")}
        rows={events}
        rowKey={(e) => e.id}
        empty="—"
        columns={[
          {
            key: "time",
            header: t("evidence.custody.time"),
            className: "cell-nowrap",
            cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at, i18n.language, true)}</time>,
          },
          { key: "event", header: t("evidence.custody.event"), cell: (e) => t(`evidence.custody.events.${e.event}`) },
          {
            key: "person",
            header: t("evidence.custody.person"),
            cell: (e) => (e.by ? `${e.by.name}${e.by.email ? ` <${e.by.email}>` : ""}` : "—"),
          },
          { key: "details", header: t("evidence.custody.details"), cell: (e) => <Details event={e} /> },
        ]}
      />
    </Section>
  );
}
