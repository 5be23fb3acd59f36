import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdviceTemplate, AdviceTemplateList } from "../../../../contract/advice-templates.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { ConfirmButton } from "./ConfirmButton.js";
import { TEMPLATES_KEY, TemplateEditor } from "./TemplateEditor.js";

type Mode = { kind: "list" } | { kind: "create" } | { kind: "edit"; template: AdviceTemplate };

/** Sorted by key, Swedish before English, so a template's two languages sit together. */
function byKeyAndLanguage(a: AdviceTemplate, b: AdviceTemplate): number {
  return a.key === b.key ? (a.language === "sv" ? -1 : 1) : a.key.localeCompare(b.key);
}

/** Admin: the advice templates by key and language; edit subject and body, add, archive. */
export function TemplatesAdmin() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [message, setMessage] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => api<AdviceTemplateList>("GET", "/advice-templates"),
  });
  const archive = useMutation({
    mutationFn: (tpl: AdviceTemplate) => api("DELETE", `/advice-templates/${tpl.id}`),
    onSuccess: (_, tpl) => {
      setMessage(t("templatesAdmin.archived", { name: tpl.name }));
      void client.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
  const rows = [...(templates.data?.items ?? [])].sort(byKeyAndLanguage);
  const language = (tpl: AdviceTemplate) => t(`templatesAdmin.languages.${tpl.language}`);

  return (
    <>
      <PageHeader title={t("templatesAdmin.title")}>
        {mode.kind === "list" ? (
          <Button
            variant="primary"
            onClick={() => {
              setMessage(null);
              setMode({ kind: "create" });
            }}
          >
            {t("templatesAdmin.new")}
          </Button>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("templatesAdmin.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {archive.isError ? <Notice tone="error">{errorMessage(t, archive.error)}</Notice> : null}
      {mode.kind !== "list" ? (
        <TemplateEditor
          key={mode.kind === "edit" ? mode.template.id : "new"}
          template={mode.kind === "edit" ? mode.template : undefined}
          onDone={(saved) => {
            setMode({ kind: "list" });
            if (saved) setMessage(t("templatesAdmin.saved", { name: saved.name }));
          }}
        />
      ) : null}
      {templates.isError ? <Notice tone="error">{errorMessage(t, templates.error)}</Notice> : null}
      {templates.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("templatesAdmin.title")}
          rows={rows}
          rowKey={(tpl) => tpl.id}
          empty={t("templatesAdmin.empty")}
          rowClassName={(tpl) => (mode.kind === "edit" && mode.template.id === tpl.id ? "row-selected" : undefined)}
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
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (tpl) => (
                <span className="row-actions">
                  <Button
                    variant="quiet"
                    aria-label={t("templatesAdmin.editFor", { name: tpl.name, language: language(tpl) })}
                    onClick={() => {
                      setMessage(null);
                      setMode({ kind: "edit", template: tpl });
                    }}
                  >
                    {t("common.edit")}
                  </Button>
                  <ConfirmButton
                    label={t("templatesAdmin.archive")}
                    name={t("templatesAdmin.archiveFor", { name: tpl.name, language: language(tpl) })}
                    question={t("templatesAdmin.confirmArchive", { name: tpl.name })}
                    busy={archive.isPending && archive.variables.id === tpl.id}
                    onConfirm={() => {
                      setMessage(null);
                      archive.mutate(tpl);
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
