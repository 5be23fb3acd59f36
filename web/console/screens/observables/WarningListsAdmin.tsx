import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { WarningList, WarningListUpdate } from "../../../../contract/observables.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { CheckboxField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { AdminList, useAdminList } from "../admin/AdminList.js";
import { observableKeys, useWarningLists } from "./api.js";
import { warningListName } from "./labels.js";
import { WarningListEditor } from "./WarningListEditor.js";
import "../../observables.css";

/** Admin: the warning lists (values that are shown but never link cases); switch, edit, add, delete own. */
export function WarningListsAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
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
    onSuccess: (_, l) => state.say(t("warningLists.deleted", { name: l.name })),
    onSettled: refresh,
  });
  const state = useAdminList<WarningList>(() => {
    toggle.reset();
    remove.reset();
  });
  const failed = toggle.error ?? remove.error;
  const conflict = failed instanceof ApiError && failed.code === "version_conflict";
  const name = (l: WarningList) => warningListName(t, l);

  return (
    <AdminList
      state={state}
      title={t("warningLists.title")}
      intro={t("warningLists.intro")}
      newLabel={t("warningLists.new")}
      notices={
        <>
          {conflict ? <Notice tone="warning">{t("warningLists.conflictList")}</Notice> : null}
          {failed && !conflict ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
        </>
      }
      editor={(mode) => (
        <WarningListEditor
          key={mode.kind === "edit" ? mode.item.id : "new"}
          list={mode.kind === "edit" ? mode.item : undefined}
          onDone={(saved) => state.close(saved ? t("warningLists.saved", { name: name(saved) }) : null)}
        />
      )}
      list={lists}
      rows={lists.data?.items ?? []}
      rowKey={(l) => l.id}
      empty={t("warningLists.empty")}
      rowClassName={(l) => (l.enabled ? undefined : "row-muted")}
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
        { key: "entries", header: t("warningLists.entryCount"), className: "cell-num", cell: (l) => l.entries.length },
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
      ]}
      editName={(l) => t("warningLists.editFor", { name: name(l) })}
      actions={(l) =>
        l.builtinKey ? null : (
          <ConfirmButton
            label={t("warningLists.delete")}
            name={t("warningLists.deleteFor", { name: name(l) })}
            question={t("warningLists.confirmDelete", { name: name(l) })}
            busy={remove.isPending && remove.variables.id === l.id}
            onConfirm={() => {
              state.say(null);
              remove.mutate(l);
            }}
          />
        )
      }
    />
  );
}
