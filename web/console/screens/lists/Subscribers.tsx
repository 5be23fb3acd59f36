import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Subscriber } from "../../../../contract/mailing-lists.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { listKeys, useSubscribers } from "./api.js";

/** One list's confirmed subscribers: search by part of the address, remove one. */
export function Subscribers({ list, listName }: { list: string; listName: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [q, setQ] = useState("");
  const [typed, setTyped] = useState("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const page = useSubscribers(list, q, cursor);
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", `/lists/${encodeURIComponent(list)}/subscribers/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: listKeys.all }),
  });
  return (
    <Section title={t("lists.subscribers.title", { name: listName })} id="list-subscribers">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
          setCursors([undefined]);
        }}
      >
        <TextField label={t("lists.subscribers.search")} value={typed} onChange={(e) => setTyped(e.target.value)} />
        <Button type="submit">{t("lists.subscribers.find")}</Button>
      </form>
      {page.isError ? <Notice tone="error">{errorMessage(t, page.error)}</Notice> : null}
      {remove.isError ? <Notice tone="error">{errorMessage(t, remove.error)}</Notice> : null}
      {page.data ? (
        <>
          <Table<Subscriber>
            caption={t("lists.subscribers.title", { name: listName })}
            rows={page.data.items}
            rowKey={(s) => s.id}
            empty={t("lists.subscribers.empty")}
            columns={[
              { key: "email", header: t("lists.subscribers.email"), cell: (s) => s.email },
              {
                key: "language",
                header: t("lists.subscribers.language"),
                cell: (s) => t(`lists.languages.${s.language}`),
              },
              {
                key: "since",
                header: t("lists.subscribers.since"),
                className: "cell-nowrap",
                cell: (s) => formatDateTime(s.subscribedAt, i18n.language),
              },
              {
                key: "remove",
                header: t("lists.subscribers.actions"),
                cell: (s) => (
                  <ConfirmButton
                    label={t("lists.subscribers.remove")}
                    name={t("lists.subscribers.removeNamed", { email: s.email })}
                    question={t("lists.subscribers.removeQuestion", { email: s.email })}
                    busy={remove.isPending}
                    onConfirm={() => remove.mutate(s.id)}
                  />
                ),
              },
            ]}
          />
          {page.data.nextCursor ? (
            <Button onClick={() => setCursors([...cursors, page.data.nextCursor ?? undefined])}>
              {t("lists.subscribers.more")}
            </Button>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
