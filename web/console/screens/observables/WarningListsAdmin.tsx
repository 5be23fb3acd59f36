import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { WarningList, WarningListUpdate } from "../../../../contract/observables.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { CheckboxField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { ConfirmButton } from "../workspace-admin/ConfirmButton.js";
import { observableKeys, useWarningLists } from "./api.js";
import { warningListName } from "./labels.js";
import { WarningListEditor } from "./WarningListEditor.js";
import "../../observables.css";

type Mode = { kind: "list" } | { kind: "create" } | { kind: "edit"; list: WarningList };

/** Admin: the warning lists (values that are shown but never link cases); switch, edit, add, delete own. */
export function WarningListsAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [message, setMessage] = useState<string | null>(null);
  const lists = useWarningLists();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: observableKeys.warningLists });
    void client.invalidateQueries({ queryKey: observableKeys.all });
  };
  const toggle = useMutation({
    mutationFn: (l: WarningList) => {
      const patch: WarningListUpdate = { version: l.version, enabled: !l.enabled };
      return api<WarningList>("PATCH", `/warning-lists/${l.id}`, patch);
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (l: WarningList) => api("DELETE", `/warning-lists/${l.id}`),
    onSuccess: (_, l) => setMessage(t("warningLists.deleted", { name: l.name })),
    onSettled: refresh,
  });
  const failed = toggle.error ?? remove.error;
  const conflict = failed instanceof ApiError && failed.code === "version_conflict";
  const name = (l: WarningList) => warningListName(t, l);
  const start = (next: Mode) => {
    setMessage(null);
    toggle.reset();
    remove.reset();
    setMode(next);
  };

  return (
    <>
      <PageHeader title={t("warningLists.title")}>
        {mode.kind === "list" ? (
          <Button variant="primary" onClick={() => start({ kind: "create" })}>
            {t("warningLists.new")}
          </Button>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("warningLists.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {conflict ? <Notice tone="warning">{t("warningLists.conflictList")}</Notice> : null}
      {failed && !conflict ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {mode.kind !== "list" ? (
        <WarningListEditor
          key={mode.kind === "edit" ? mode.list.id : "new"}
          list={mode.kind === "edit" ? mode.list : undefined}
          onDone={(saved) => {
            setMode({ kind: "list" });
            if (saved) setMessage(t("warningLists.saved", { name: name(saved) }));
          }}
        />
      ) : null}
      {lists.isError ? <Notice tone="error">{errorMessage(t, lists.error)}</Notice> : null}
      {lists.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("warningLists.title")}
          rows={lists.data?.items ?? []}
          rowKey={(l) => l.id}
          empty={t("warningLists.empty")}
          rowClassName={(l) =>
            mode.kind === "edit" && mode.list.id === l.id ? "row-selected" : l.enabled ? undefined : "row-muted"
          }
          columns={[
            {
              key: "name",
              header: t("warningLists.name"),
              cell: (l) => (
                <>
                  <strong>{name(l)}</strong> {l.builtinKey ? <Badge>{t("warningLists.builtin")}</Badge> : null}
                  <span className="cell-sub">
                    {l.builtinKey
                      ? t(`observables.builtin.${l.builtinKey}.description`, { defaultValue: l.description })
                      : l.description}
                  </span>
                </>
              ),
            },
            {
              key: "entries",
              header: t("warningLists.entryCount"),
              className: "cell-num",
              cell: (l) => l.entries.length,
            },
            {
              key: "enabled",
              header: t("warningLists.enabled"),
              cell: (l) => (
                <CheckboxField
                  role="switch"
                  label={
                    <>
                      {t("warningLists.inUse")}
                      <span className="visually-hidden"> ({name(l)})</span>
                    </>
                  }
                  checked={l.enabled}
                  disabled={toggle.isPending}
                  onChange={() => toggle.mutate(l)}
                />
              ),
            },
            {
              key: "updated",
              header: t("warningLists.updated"),
              className: "cell-nowrap",
              cell: (l) => formatDateTime(l.updatedAt, i18n.language),
            },
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (l) => (
                <span className="row-actions">
                  <Button
                    variant="quiet"
                    aria-label={t("warningLists.editFor", { name: name(l) })}
                    onClick={() => start({ kind: "edit", list: l })}
                  >
                    {t("common.edit")}
                  </Button>
                  {l.builtinKey ? null : (
                    <ConfirmButton
                      label={t("warningLists.delete")}
                      name={t("warningLists.deleteFor", { name: name(l) })}
                      question={t("warningLists.confirmDelete", { name: name(l) })}
                      busy={remove.isPending && remove.variables.id === l.id}
                      onConfirm={() => {
                        setMessage(null);
                        remove.mutate(l);
                      }}
                    />
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
