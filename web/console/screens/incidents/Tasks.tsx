import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import type { Task, TasksList } from "../../../../contract/tasks.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { incidentKeys, incidentPath, isVersionConflict } from "./api.js";
import { inLanguage, usePlaybooks } from "./playbooks.js";
import { TaskCard } from "./TaskCard.js";

/** The incident's tasks with their checklists: add a task, apply a playbook, tick items. */
export function Tasks({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = incidentKeys.part(incident.reference, "tasks");
  const base = `${incidentPath(incident.reference)}/tasks`;
  const tasks = useQuery({ queryKey: key, queryFn: () => api<TasksList>("GET", base) });
  const playbooks = usePlaybooks(incident.classification?.class ?? null);
  const [title, setTitle] = useState("");
  const [playbookId, setPlaybookId] = useState("");
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: incidentKeys.part(incident.reference, "timeline") });
  };
  // A task answered by the server replaces the one on screen at once.
  const replace = (task: Task) => {
    client.setQueryData<TasksList>(key, (old) => old && { items: old.items.map((x) => (x.id === task.id ? task : x)) });
    void client.invalidateQueries({ queryKey: incidentKeys.part(incident.reference, "timeline") });
  };
  const add = useMutation({
    mutationFn: () => api<Task>("POST", base, { title: title.trim() }),
    onSuccess: () => {
      setTitle("");
      refresh();
    },
  });
  const apply = useMutation({
    mutationFn: () =>
      api<TasksList>("POST", `${incidentPath(incident.reference)}/playbooks`, {
        playbookId,
        language: i18n.language === "en" ? "en" : "sv",
      }),
    onSuccess: () => {
      setPlaybookId("");
      refresh();
    },
  });
  const onTaskError = (err: unknown) => {
    if (isVersionConflict(err)) refresh();
  };
  const items = tasks.data?.items ?? [];
  const open = items.filter((x) => x.status === "open").length;
  const firstOpen = items.find((x) => x.status === "open")?.id;
  const offered = (playbooks.data?.items ?? []).filter((p) => !p.archivedAt);
  const failed = tasks.error ?? add.error ?? apply.error;
  return (
    <Section title={t("incidents.tasks.title")} id="tasks">
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {tasks.isSuccess ? <p className="muted">{t("incidents.tasks.summary", { open, count: items.length })}</p> : null}
      <ol className="tasks">
        {items.map((task) => (
          <TaskCard
            key={task.id}
            task={task}
            open={task.id === firstOpen}
            base={`${base}/${encodeURIComponent(task.id)}`}
            canEdit={incident.canEdit}
            onSaved={replace}
            onError={onTaskError}
          />
        ))}
      </ol>
      {incident.canEdit ? (
        <div className="task-adders">
          <form
            className="inline-form compact-form"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (title.trim()) add.mutate();
            }}
          >
            <TextField
              id="new-task"
              label={t("incidents.tasks.new")}
              value={title}
              maxLength={300}
              onChange={(e) => setTitle(e.target.value)}
            />
            <Button type="submit" busy={add.isPending} disabled={title.trim() === ""}>
              {t("incidents.tasks.add")}
            </Button>
          </form>
          <form
            className="inline-form compact-form"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (playbookId) apply.mutate();
            }}
          >
            <SelectField
              id="apply-playbook"
              label={t("incidents.tasks.playbook")}
              value={playbookId}
              onChange={(e) => setPlaybookId(e.target.value)}
              options={[
                { value: "", label: "—" },
                ...offered.map((p) => ({ value: p.id, label: inLanguage(p.name, i18n.language) })),
              ]}
            />
            <Button type="submit" busy={apply.isPending} disabled={!playbookId}>
              {t("incidents.tasks.apply")}
            </Button>
          </form>
        </div>
      ) : null}
    </Section>
  );
}
