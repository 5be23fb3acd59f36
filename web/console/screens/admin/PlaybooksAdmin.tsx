import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Playbook, PlaybooksList } from "../../../../contract/playbooks.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { AdminList, useAdminList } from "./AdminList.js";
import { PLAYBOOKS_KEY, PlaybookEditor } from "./PlaybookEditor.js";
import { inLanguage } from "./playbook-draft.js";
import { rsitClassLabel } from "./RsitClassPicker.js";

/** Admin: the playbooks on offer, with an editor for each and a way to archive one. */
export function PlaybooksAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const state = useAdminList<Playbook>();
  const playbooks = useQuery({
    queryKey: PLAYBOOKS_KEY,
    queryFn: () => api<PlaybooksList>("GET", "/playbooks"),
  });
  const archive = useMutation({
    mutationFn: (p: Playbook) => api("DELETE", `/playbooks/${p.id}`),
    onSuccess: (_, p) => {
      state.say(t("playbooksAdmin.archived", { name: inLanguage(p.name, i18n.language) }));
      void client.invalidateQueries({ queryKey: PLAYBOOKS_KEY });
    },
  });
  const name = (p: Playbook) => inLanguage(p.name, i18n.language);

  return (
    <AdminList
      state={state}
      title={t("playbooksAdmin.title")}
      intro={t("playbooksAdmin.intro")}
      newLabel={t("playbooksAdmin.new")}
      notices={archive.isError ? <Notice tone="error">{errorMessage(t, archive.error)}</Notice> : null}
      editor={(mode) => (
        <PlaybookEditor
          key={mode.kind === "edit" ? mode.item.id : "new"}
          playbook={mode.kind === "edit" ? mode.item : undefined}
          onDone={(saved) => state.close(saved ? t("playbooksAdmin.saved", { name: name(saved) }) : null)}
        />
      )}
      list={playbooks}
      rows={playbooks.data?.items ?? []}
      rowKey={(p) => p.id}
      empty={t("playbooksAdmin.empty")}
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
      ]}
      editName={(p) => t("playbooksAdmin.editFor", { name: name(p) })}
      actions={(p) => (
        <ConfirmButton
          label={t("playbooksAdmin.archive")}
          name={t("playbooksAdmin.archiveFor", { name: name(p) })}
          question={t("playbooksAdmin.confirmArchive", { name: name(p) })}
          busy={archive.isPending && archive.variables.id === p.id}
          onConfirm={() => {
            state.say(null);
            archive.mutate(p);
          }}
        />
      )}
    />
  );
}
