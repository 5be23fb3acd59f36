import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Playbook, PlaybooksList } from "../../../../contract/playbooks.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { ConfirmButton } from "./ConfirmButton.js";
import { PLAYBOOKS_KEY, PlaybookEditor } from "./PlaybookEditor.js";
import { inLanguage } from "./playbook-draft.js";
import { rsitClassLabel } from "./RsitClassPicker.js";

type Mode = { kind: "list" } | { kind: "create" } | { kind: "edit"; playbook: Playbook };

/** Admin: the playbooks on offer, with an editor for each and a way to archive one. */
export function PlaybooksAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [message, setMessage] = useState<string | null>(null);
  const playbooks = useQuery({
    queryKey: PLAYBOOKS_KEY,
    queryFn: () => api<PlaybooksList>("GET", "/playbooks"),
  });
  const archive = useMutation({
    mutationFn: (p: Playbook) => api("DELETE", `/playbooks/${p.id}`),
    onSuccess: (_, p) => {
      setMessage(t("playbooksAdmin.archived", { name: inLanguage(p.name, i18n.language) }));
      void client.invalidateQueries({ queryKey: PLAYBOOKS_KEY });
    },
  });
  const rows = playbooks.data?.items ?? [];

  return (
    <>
      <PageHeader title={t("playbooksAdmin.title")}>
        {mode.kind === "list" ? (
          <Button
            variant="primary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: "create" });
            }}
          >
            {t("playbooksAdmin.new")}
          </Button>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("playbooksAdmin.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {archive.isError ? <Notice tone="error">{errorMessage(t, archive.error)}</Notice> : null}
      {mode.kind !== "list" ? (
        <PlaybookEditor
          key={mode.kind === "edit" ? mode.playbook.id : "new"}
          playbook={mode.kind === "edit" ? mode.playbook : undefined}
          onDone={(saved) => {
            setMode({ kind: "list" });
            if (saved) setMessage(t("playbooksAdmin.saved", { name: inLanguage(saved.name, i18n.language) }));
          }}
        />
      ) : null}
      {playbooks.isError ? <Notice tone="error">{errorMessage(t, playbooks.error)}</Notice> : null}
      {playbooks.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("playbooksAdmin.title")}
          rows={rows}
          rowKey={(p) => p.id}
          empty={t("playbooksAdmin.empty")}
          rowClassName={(p) => (mode.kind === "edit" && mode.playbook.id === p.id ? "row-selected" : undefined)}
          columns={[
            {
              key: "name",
              header: t("playbooksAdmin.name"),
              cell: (p) => (
                <>
                  <strong lang="sv">{p.name.sv}</strong>
                  <span className="cell-sub" lang="en">
                    {p.name.en}
                  </span>
                </>
              ),
            },
            { key: "class", header: t("playbooksAdmin.rsitClass"), cell: (p) => rsitClassLabel(t, p.rsitClass) },
            { key: "tasks", header: t("playbooksAdmin.taskCount"), className: "cell-num", cell: (p) => p.tasks.length },
            {
              key: "updated",
              header: t("playbooksAdmin.updated"),
              className: "cell-nowrap",
              cell: (p) => formatDateTime(p.updatedAt, i18n.language),
            },
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (p) => (
                <span className="row-actions">
                  <Button
                    variant="quiet"
                    aria-label={t("playbooksAdmin.editFor", { name: inLanguage(p.name, i18n.language) })}
                    onClick={() => {
                      setMessage(null);
                      setMode({ kind: "edit", playbook: p });
                    }}
                  >
                    {t("common.edit")}
                  </Button>
                  <ConfirmButton
                    label={t("playbooksAdmin.archive")}
                    name={t("playbooksAdmin.archiveFor", { name: inLanguage(p.name, i18n.language) })}
                    question={t("playbooksAdmin.confirmArchive", { name: inLanguage(p.name, i18n.language) })}
                    busy={archive.isPending && archive.variables.id === p.id}
                    onConfirm={() => {
                      setMessage(null);
                      archive.mutate(p);
                    }}
                  />
                </span>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
