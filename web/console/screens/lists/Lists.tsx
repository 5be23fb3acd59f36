import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MailingList } from "../../../../contract/mailing-lists.js";
import type { Me } from "../../../lib/api/types.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { Campaigns } from "./Campaigns.js";
import { Subscribers } from "./Subscribers.js";
import { mayPauseCampaigns, useMailingLists } from "./api.js";

/** The e-mail lists: each with its counts, the chosen list's subscribers, and the list mail sent. */
export function Lists({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lists = useMailingLists();
  const [chosen, setChosen] = useState("");
  const name = (l: MailingList) => (i18n.language === "sv" ? l.name.sv : l.name.en);
  const current = lists.data?.items.find((l) => l.id === chosen);
  return (
    <>
      <PageHeader title={t("lists.title")} />
      <p className="ws-intro">{t("lists.intro")}</p>
      <Section title={t("lists.lists.title")} id="lists">
        {lists.isError ? <Notice tone="error">{errorMessage(t, lists.error)}</Notice> : null}
        {lists.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {lists.data ? (
          <Table<MailingList>
            caption={t("lists.lists.title")}
            rows={lists.data.items}
            rowKey={(l) => l.id}
            empty={t("lists.lists.empty")}
            columns={[
              {
                key: "name",
                header: t("lists.lists.name"),
                cell: (l) => (
                  <>
                    {name(l)}
                    <span className="cell-sub">{i18n.language === "sv" ? l.description.sv : l.description.en}</span>
                  </>
                ),
              },
              {
                key: "subscribers",
                header: t("lists.lists.subscribers"),
                className: "cell-num",
                cell: (l) => l.subscribers,
              },
              {
                key: "organisations",
                header: t("lists.lists.organisations"),
                className: "cell-num",
                cell: (l) => l.organisations,
              },
              {
                key: "open",
                header: t("lists.lists.actions"),
                cell: (l) => (
                  <Button
                    variant="quiet"
                    aria-label={t("lists.lists.showNamed", { name: name(l) })}
                    aria-pressed={chosen === l.id}
                    onClick={() => setChosen(chosen === l.id ? "" : l.id)}
                  >
                    {t("lists.lists.show")}
                  </Button>
                ),
              },
            ]}
          />
        ) : null}
      </Section>
      {current ? <Subscribers list={current.id} listName={name(current)} /> : null}
      <Campaigns list={chosen} mayPause={mayPauseCampaigns(me)} />
    </>
  );
}
