import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AdviceTemplate, AdviceTemplateList } from "../../../../contract/advice-templates.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { AdminList, useAdminList } from "./AdminList.js";
import { TEMPLATES_KEY, TemplateEditor } from "./TemplateEditor.js";

/** Sorted by key, Swedish before English, so a template's two languages sit together. */
function byKeyAndLanguage(a: AdviceTemplate, b: AdviceTemplate): number {
  return a.key === b.key ? (a.language === "sv" ? -1 : 1) : a.key.localeCompare(b.key);
}

/** Admin: the advice templates by key and language; edit subject and body, add, archive. */
export function TemplatesAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const state = useAdminList<AdviceTemplate>();
  const templates = useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => api<AdviceTemplateList>("GET", "/advice-templates"),
  });
  const archive = useMutation({
    mutationFn: (tpl: AdviceTemplate) => api("DELETE", `/advice-templates/${tpl.id}`),
    onSuccess: (_, tpl) => {
      state.say(t("templatesAdmin.archived", { name: tpl.name }));
      void client.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
  const language = (tpl: AdviceTemplate) => t(`templatesAdmin.languages.${tpl.language}`);

  return (
    <AdminList
      state={state}
      title={t("templatesAdmin.title")}
      intro={t("templatesAdmin.intro")}
      newLabel={t("templatesAdmin.new")}
      notices={archive.isError ? <Notice tone="error">{errorMessage(t, archive.error)}</Notice> : null}
      editor={(mode) => (
        <TemplateEditor
          key={mode.kind === "edit" ? mode.item.id : "new"}
          template={mode.kind === "edit" ? mode.item : undefined}
          onDone={(saved) => state.close(saved ? t("templatesAdmin.saved", { name: saved.name }) : null)}
        />
      )}
      list={templates}
      rows={[...(templates.data?.items ?? [])].sort(byKeyAndLanguage)}
      rowKey={(tpl) => tpl.id}
      empty={t("templatesAdmin.empty")}
      columns={[
        { key: "key", header: t("templatesAdmin.key"), cell: (tpl) => <code>{tpl.key}</code> },
        { key: "language", header: t("templatesAdmin.language"), cell: (tpl) => <Badge>{language(tpl)}</Badge> },
        {
          key: "name",
          header: t("templatesAdmin.name"),
          cell: (tpl) => (
            <>
              <strong lang={tpl.language}>{tpl.name}</strong>
              <span className="cell-sub" lang={tpl.language}>
                {tpl.subject}
              </span>
            </>
          ),
        },
        {
          key: "updated",
          header: t("templatesAdmin.updated"),
          className: "cell-nowrap",
          cell: (tpl) => formatDateTime(tpl.updatedAt, i18n.language),
        },
      ]}
      editName={(tpl) => t("templatesAdmin.editFor", { name: tpl.name, language: language(tpl) })}
      actions={(tpl) => (
        <ConfirmButton
          label={t("templatesAdmin.archive")}
          name={t("templatesAdmin.archiveFor", { name: tpl.name, language: language(tpl) })}
          question={t("templatesAdmin.confirmArchive", { name: tpl.name })}
          busy={archive.isPending && archive.variables.id === tpl.id}
          onConfirm={() => {
            state.say(null);
            archive.mutate(tpl);
          }}
        />
      )}
    />
  );
}
