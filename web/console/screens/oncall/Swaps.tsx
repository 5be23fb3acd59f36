import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { type SwapRow, isAdmin, oncallKeys, useSwaps } from "./api.js";

/** Swap requests the officer is part of (all, for an admin); the one asked accepts or declines. */
export function Swaps({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const swaps = useSwaps(true);
  const decide = useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      api("POST", `/oncall/swaps/${id}/decision`, { accept }),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  return (
    <Section title={t("oncall.swaps.title")} id="oncall-swaps">
      {decide.isError ? <Notice tone="error">{errorMessage(t, decide.error)}</Notice> : null}
      <Table<SwapRow>
        caption={t("oncall.swaps.title")}
        rows={swaps.data?.items ?? []}
        rowKey={(s) => s.id}
        empty={t("oncall.swaps.empty")}
        columns={[
          {
            key: "shift",
            header: t("oncall.rota.starts"),
            cell: (s) => `${formatDateTime(s.startsAt, i18n.language)} – ${formatDateTime(s.endsAt, i18n.language)}`,
          },
          { key: "from", header: t("oncall.swaps.from"), cell: (s) => s.from.name },
          { key: "to", header: t("oncall.swaps.to"), cell: (s) => s.to.name },
          { key: "status", header: t("oncall.swaps.status"), cell: (s) => t(`oncall.swaps.states.${s.status}`) },
          {
            key: "act",
            header: t("oncall.swaps.decide"),
            cell: (s) =>
              s.status === "requested" && (s.to.id === me.id || isAdmin(me)) ? (
                <>
                  <Button variant="primary" onClick={() => decide.mutate({ id: s.id, accept: true })}>
                    {t("oncall.swaps.accept")}
                  </Button>{" "}
                  <Button onClick={() => decide.mutate({ id: s.id, accept: false })}>
                    {t("oncall.swaps.decline")}
                  </Button>
                </>
              ) : null,
          },
        ]}
      />
    </Section>
  );
}
